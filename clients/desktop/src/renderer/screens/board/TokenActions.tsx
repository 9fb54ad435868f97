// The selected token's actions, each with its key, disabled with the reason when not possible.
import type { ActionName, Availability } from '../../../shared/token-actions.js';
import type { TokenView } from '../../../shared/views.js';

const ACTIONS: readonly { name: ActionName; label: string; key: string }[] = [
  { name: 'checkIn', label: 'Check in', key: 'I' },
  { name: 'complete', label: 'Complete', key: 'D' },
  { name: 'noShow', label: 'No-show', key: 'N' },
  { name: 'cancel', label: 'Cancel token', key: 'X' },
];

interface Props {
  readonly token: TokenView | null;
  readonly availability: Readonly<Record<ActionName, Availability>> | null;
  readonly busy: boolean;
  readonly confirmingCancel: boolean;
  onAction(action: ActionName): void;
}

export function TokenActions({ token, availability, busy, confirmingCancel, onAction }: Props) {
  if (token === null || availability === null) {
    return <p className="hint">Select a token with ↑ and ↓ to act on it.</p>;
  }
  return (
    <div className="token-actions" aria-label={`Actions for token ${token.tokenNumber}`}>
      <h3>
        Token {token.tokenNumber} · {token.patientName}
      </h3>
      {confirmingCancel ? (
        <p className="confirm" role="alertdialog" aria-label="Confirm cancel">
          Cancel token {token.tokenNumber}? Press <kbd>Enter</kbd> to cancel it, <kbd>Esc</kbd> to
          keep it.
        </p>
      ) : (
        <ul>
          {ACTIONS.map(({ name, label, key }) => {
            const state = availability[name];
            return (
              <li key={name}>
                <button
                  disabled={busy || !state.allowed}
                  onClick={() => onAction(name)}
                  data-action={name}
                >
                  {label} <kbd>{key}</kbd>
                </button>
                {!state.allowed && (
                  <small className="why" data-why={name}>
                    {state.why}
                  </small>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
