// Cancelling a token asks why: the reason is kept with the token for whoever looks later.
// Enter cancels (once there is a reason), Esc keeps the token.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TokenView } from '../../../shared/views.js';

interface Props {
  readonly token: TokenView;
  onCancel(reason: string): void;
  onKeep(): void;
}

export function CancelConfirm({ token, onCancel, onKeep }: Props) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [asked, setAsked] = useState(false);
  return (
    <div className="confirm" role="alertdialog" aria-label={t('board.confirmCancel')}>
      <p>{t('board.cancelQuestion', { number: token.tokenNumber })}</p>
      <input
        name="cancel-reason"
        aria-label={t('board.cancelReason')}
        autoFocus
        autoComplete="off"
        maxLength={200}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            if (reason.trim() === '') setAsked(true);
            else onCancel(reason.trim());
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onKeep();
          }
        }}
      />
      {asked && <small className="field-error">{t('board.cancelReasonNeeded')}</small>}
    </div>
  );
}
