// The selected token's actions, each with its key, disabled with the reason when not possible.
import { useTranslation } from 'react-i18next';
import type { ActionName, Availability, Refusal } from '../../../shared/token-actions.js';
import type { TokenView } from '../../../shared/views.js';
import { useFormat } from '../../i18n/use-format.js';
import { CancelConfirm } from './CancelConfirm.js';

const ACTIONS: readonly { name: ActionName; key: string }[] = [
  { name: 'checkIn', key: 'I' },
  { name: 'complete', key: 'D' },
  { name: 'noShow', key: 'N' },
  { name: 'cancel', key: 'X' },
];

interface Props {
  readonly token: TokenView | null;
  readonly availability: Readonly<Record<ActionName, Availability>> | null;
  readonly busy: boolean;
  readonly confirmingCancel: boolean;
  onAction(action: ActionName): void;
  onReprint(): void;
  onCancel(reason: string): void;
  onKeep(): void;
}

export function useRefusalText(): (refusal: Refusal) => string {
  const { t } = useTranslation();
  const format = useFormat();
  return (refusal) => {
    switch (refusal.kind) {
      case 'status':
        return t('board.why.notAllocated', { status: t(`statusWords.${refusal.status}`) });
      case 'notCheckedIn':
        return t('board.why.notCheckedIn');
      case 'called':
        return t('board.why.called');
      case 'graceNotOver':
        return t('board.why.noShowFrom', {
          time: format.time(refusal.from),
          minutes: refusal.minutes,
        });
    }
  };
}

export function TokenActions(props: Props) {
  const { t } = useTranslation();
  const refusalText = useRefusalText();
  const { token, availability } = props;
  if (token === null || availability === null) {
    return <p className="hint">{t('board.selectHint')}</p>;
  }
  return (
    <div
      className="token-actions"
      aria-label={t('board.actionsFor', { number: token.tokenNumber })}
    >
      <h3>{t('board.tokenHeading', { number: token.tokenNumber, patient: token.patientName })}</h3>
      {props.confirmingCancel ? (
        <CancelConfirm token={token} onCancel={props.onCancel} onKeep={props.onKeep} />
      ) : (
        <ul>
          {ACTIONS.map(({ name, key }) => {
            const state = availability[name];
            return (
              <li key={name}>
                <button
                  disabled={props.busy || !state.allowed}
                  onClick={() => props.onAction(name)}
                  data-action={name}
                >
                  {t(`board.${name}`)} <kbd>{key}</kbd>
                </button>
                {!state.allowed && (
                  <small className="why" data-why={name}>
                    {refusalText(state.refusal)}
                  </small>
                )}
              </li>
            );
          })}
          <li>
            <button onClick={props.onReprint} data-action="reprint">
              {t('board.reprint')} <kbd>P</kbd>
            </button>
          </li>
        </ul>
      )}
    </div>
  );
}
