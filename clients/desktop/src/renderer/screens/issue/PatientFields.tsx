// Step one: the phone number, then either the registered patient (with what they hold, doctor
// by doctor) or a name for a new one. A phone a family shares lists its patients numbered: a
// digit picks one, or the clerk types a new name (a new family member on that phone); with one
// patient on the phone that patient is taken and Alt+M adds another. Problems show once, beside
// the field they are about.
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientLookup } from '../../../shared/ipc-contract.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { fieldProblem } from '../../i18n/use-error-text.js';
import { useFormat } from '../../i18n/use-format.js';

interface Props {
  readonly phone: string;
  readonly name: string;
  readonly lookup: PatientLookup | null;
  /** The patient picked from those on the phone, or null for a name typed (a new one). */
  readonly patientId: string | null;
  /** Whether the clerk asked to add another family member to a phone with one patient. */
  readonly addingMember: boolean;
  readonly looking: boolean;
  /** The lookup's failure; shown under the phone number. */
  readonly lookupError: unknown;
  /** The issue's failure, when it is about the phone number or the name. */
  readonly issueError: unknown;
  readonly phoneRef: RefObject<HTMLInputElement | null>;
  readonly nameRef: RefObject<HTMLInputElement | null>;
  doctorName(doctorId: string): string | null;
  onPhone(phone: string): void;
  onName(name: string): void;
  onPick(index: number): void;
  onLookup(): void;
  onNameDone(): void;
}

export function PatientFields(props: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const { lookup } = props;
  const phoneProblem =
    fieldProblem(props.lookupError, 'phone') || fieldProblem(props.issueError, 'phone');
  const nameProblem = fieldProblem(props.issueError, 'name');
  const otherLookupError = props.lookupError && !phoneProblem ? props.lookupError : null;
  const doctor = (id: string) => props.doctorName(id) ?? t('issue.anotherDoctor');
  const family = lookup?.found === true ? lookup.patients : [];
  // A name box: for a new phone; or on a family's phone, to pick by number or add a member.
  const askName = lookup?.found === false || family.length > 1 || props.addingMember;
  return (
    <fieldset className="patient">
      <legend>{t('issue.patient')}</legend>
      <label className="field">
        <span>
          {t('issue.phone')} <kbd>Alt+T</kbd>
        </span>
        <input
          ref={props.phoneRef}
          name="phone"
          inputMode="tel"
          autoComplete="off"
          value={props.phone}
          aria-invalid={phoneProblem}
          aria-describedby={phoneProblem ? 'phone-problem' : undefined}
          onChange={(e) => props.onPhone(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.ctrlKey) {
              e.preventDefault();
              props.onLookup();
            }
          }}
        />
        {phoneProblem && (
          <small className="field-error" id="phone-problem" role="alert">
            {t('issue.phoneProblem')}
          </small>
        )}
      </label>
      <ErrorMessage error={otherLookupError} />
      {props.looking && <p className="hint">{t('issue.lookingUp')}</p>}
      {lookup?.found === true && (
        <div className="patient-found" data-testid="patient-found">
          {family.length > 1 ? (
            <>
              <span className="muted">{t('patients.onPhone')}</span>
              <ol className="family" data-testid="family">
                {family.map((p, i) => (
                  <li
                    key={p.patientId}
                    data-patient-id={p.patientId}
                    aria-current={p.patientId === props.patientId ? 'true' : undefined}
                  >
                    <kbd>{i + 1}</kbd> <strong>{p.name}</strong>
                    {p.patientId === props.patientId && (
                      <span className="muted"> · {t('patients.chosen')}</span>
                    )}
                  </li>
                ))}
              </ol>
            </>
          ) : (
            <>
              <strong>{lookup.patient.name}</strong>{' '}
              <span className="muted">{t('issue.returning')}</span>
              {!props.addingMember && (
                <span className="hint">
                  {' '}
                  · {t('patients.addMember')} <kbd>Alt+M</kbd>
                </span>
              )}
            </>
          )}
          {lookup.tokens.length + lookup.waitlist.length > 0 && (
            <ul className="holds">
              {lookup.tokens.map((token) => (
                <li key={token.tokenId}>
                  {t('issue.holdsToken', {
                    number: token.tokenNumber,
                    doctor: doctor(token.doctorId),
                    date: format.day(token.date),
                    time: token.slotLocalStartTime,
                  })}
                </li>
              ))}
              {lookup.waitlist.map((entry) => (
                <li key={entry.waitlistEntryId}>
                  {t('issue.holdsWaiting', {
                    position: entry.position,
                    doctor: doctor(entry.doctorId),
                    date: format.day(entry.date),
                  })}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {askName && (
        <label className="field">
          <span>
            {lookup?.found !== true
              ? t('issue.newPatientName')
              : family.length > 1
                ? t('patients.pickOrName')
                : t('patients.newMember')}
          </span>
          <input
            ref={props.nameRef}
            name="name"
            autoComplete="off"
            value={props.patientId === null ? props.name : ''}
            aria-invalid={nameProblem}
            onChange={(e) => props.onName(e.target.value)}
            onKeyDown={(e) => {
              // On a family's phone, a digit typed first picks that patient.
              const digit = Number(e.key);
              const typedNothing = props.patientId !== null || props.name === '';
              if (
                family.length > 1 &&
                typedNothing &&
                /^[1-9]$/.test(e.key) &&
                digit <= family.length &&
                !e.ctrlKey &&
                !e.altKey
              ) {
                e.preventDefault();
                props.onPick(digit - 1);
                return;
              }
              if (e.key === 'Enter' && !e.ctrlKey) {
                e.preventDefault();
                props.onNameDone();
              }
            }}
          />
          {nameProblem && (
            <small className="field-error" role="alert">
              {t('issue.nameProblem')}
            </small>
          )}
        </label>
      )}
    </fieldset>
  );
}
