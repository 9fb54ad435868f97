// The board's token actions as one mutation; the answer says what happened, for the message.
import { useMutation } from '@tanstack/react-query';
import type { ActionName } from '../../../shared/token-actions.js';
import type { TokenView } from '../../../shared/views.js';
import { call, newRequestId } from '../../opd.js';

export interface ActionDone {
  readonly action: ActionName;
  readonly token: TokenView;
  /** Waiting patients who got a token from the place this action freed. */
  readonly promoted: readonly TokenView[];
}

export interface ActionRequest {
  readonly action: ActionName;
  readonly token: TokenView;
  /** Why the token is cancelled (asked of the clerk); unused by the other actions. */
  readonly reason: string;
}

async function run({ action, token, reason }: ActionRequest): Promise<ActionDone> {
  const requestId = newRequestId();
  const tokenId = token.tokenId;
  switch (action) {
    case 'checkIn':
      return { action, token: await call('checkInToken', { requestId, tokenId }), promoted: [] };
    case 'complete':
      return { action, token: await call('completeToken', { requestId, tokenId }), promoted: [] };
    case 'noShow':
      return { action, ...(await call('markNoShow', { requestId, tokenId })) };
    case 'cancel':
      return { action, ...(await call('cancelToken', { requestId, id: tokenId, reason })) };
  }
}

export function useTokenAction() {
  return useMutation({ mutationFn: run });
}
