// The board's token actions as one mutation, with a sentence for what happened.
import { useMutation } from '@tanstack/react-query';
import type { ActionName } from '../../../shared/token-actions.js';
import type { TokenView } from '../../../shared/views.js';
import { call, newRequestId } from '../../opd.js';

const promotedText = (promoted: readonly TokenView[]): string =>
  promoted.map((t) => ` Token ${t.tokenNumber} (${t.patientName}) came off the waitlist.`).join('');

async function run(action: ActionName, token: TokenView): Promise<string> {
  const requestId = newRequestId();
  const tokenId = token.tokenId;
  switch (action) {
    case 'checkIn':
      await call('checkInToken', { requestId, tokenId });
      return `Token ${token.tokenNumber} checked in.`;
    case 'complete':
      await call('completeToken', { requestId, tokenId });
      return `Token ${token.tokenNumber} completed.`;
    case 'noShow': {
      const answer = await call('markNoShow', { requestId, tokenId });
      return `Token ${token.tokenNumber} marked no-show.${promotedText(answer.promoted)}`;
    }
    case 'cancel': {
      const answer = await call('cancelToken', {
        requestId,
        id: tokenId,
        reason: 'Cancelled at the counter',
      });
      return `Token ${token.tokenNumber} cancelled.${promotedText(answer.promoted)}`;
    }
  }
}

export function useTokenAction() {
  return useMutation({
    mutationFn: ({ action, token }: { action: ActionName; token: TokenView }) => run(action, token),
  });
}
