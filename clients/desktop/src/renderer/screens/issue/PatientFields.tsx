// Step one: the phone number, then either the registered patient or a name for a new one.
import type { RefObject } from 'react';
import type { PatientLookup } from '../../../shared/ipc-contract.js';
import { fieldError } from '../../components/ErrorMessage.js';

interface Props {
  readonly phone: string;
  readonly name: string;
  readonly lookup: PatientLookup | null;
  readonly looking: boolean;
  readonly error: unknown;
  readonly phoneRef: RefObject<HTMLInputElement | null>;
  readonly nameRef: RefObject<HTMLInputElement | null>;
  onPhone(phone: string): void;
  onName(name: string): void;
  onLookup(): void;
  onNameDone(): void;
}

export function PatientFields(props: Props) {
  const { lookup } = props;
  const phoneProblem = fieldError(props.error, 'phone');
  const nameProblem = fieldError(props.error, 'name');
  return (
    <fieldset className="patient">
      <legend>Patient</legend>
      <label className="field">
        <span>
          Phone number <kbd>Alt+T</kbd>
        </span>
        <input
          ref={props.phoneRef}
          name="phone"
          inputMode="tel"
          autoComplete="off"
          value={props.phone}
          aria-invalid={phoneProblem !== null}
          onChange={(e) => props.onPhone(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.ctrlKey) {
              e.preventDefault();
              props.onLookup();
            }
          }}
        />
        {phoneProblem && <small className="field-error">{phoneProblem}</small>}
      </label>
      {props.looking && <p className="hint">Looking up the patient…</p>}
      {lookup?.found === true && (
        <div className="patient-found" data-testid="patient-found">
          <strong>{lookup.patient.name}</strong> <span className="muted">returning patient</span>
          {lookup.tokens.length + lookup.waitlist.length > 0 && (
            <ul className="holds">
              {lookup.tokens.map((t) => (
                <li key={t.tokenId}>
                  Token {t.tokenNumber} on {t.date} at {t.slotLocalStartTime}
                </li>
              ))}
              {lookup.waitlist.map((w) => (
                <li key={w.waitlistEntryId}>
                  Waiting (position {w.position}) on {w.date}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {lookup?.found === false && (
        <label className="field">
          <span>New patient — name</span>
          <input
            ref={props.nameRef}
            name="name"
            autoComplete="off"
            value={props.name}
            aria-invalid={nameProblem !== null}
            onChange={(e) => props.onName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.ctrlKey) {
                e.preventDefault();
                props.onNameDone();
              }
            }}
          />
          {nameProblem && <small className="field-error">{nameProblem}</small>}
        </label>
      )}
    </fieldset>
  );
}
