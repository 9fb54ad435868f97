// The optional registration details (sex, date of birth or age, ABHA number, hospital number).
// Not in the fast path: closed until the clerk presses Alt+R. Enter in any of them issues, like
// the visit's fields; the service checks each and its problems show beside the field.
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegistrationInput } from '../../../shared/ipc-contract.js';
import { SEXES, type SexName } from '../../../shared/views.js';
import { fieldProblem } from '../../i18n/use-error-text.js';

export const NO_REGISTRATION: RegistrationInput = {
  sex: '',
  birthDate: '',
  ageYears: null,
  abhaNumber: '',
  hospitalNumber: '',
};

interface Props {
  readonly value: RegistrationInput;
  readonly issueError: unknown;
  readonly firstRef: RefObject<HTMLSelectElement | null>;
  onChange(value: RegistrationInput): void;
  onSubmit(): void;
}

export function RegistrationFields({ value, issueError, firstRef, onChange, onSubmit }: Props) {
  const { t } = useTranslation();
  const problem = (field: keyof RegistrationInput) =>
    fieldProblem(issueError, `registration.${field}`);
  const set = (change: Partial<RegistrationInput>) => onChange({ ...value, ...change });
  const age = (typed: string): number | null => {
    const digits = typed.replace(/\D/g, '');
    return digits === '' ? null : Number(digits);
  };
  const rows: readonly {
    readonly field: Exclude<keyof RegistrationInput, 'sex'>;
    readonly label: string;
    readonly problem: string;
    readonly text: string;
    readonly inputMode?: 'numeric';
    readonly maxLength: number;
    set(typed: string): void;
  }[] = [
    {
      field: 'birthDate',
      label: t('patients.birthDate'),
      problem: t('patients.birthDateProblem'),
      text: value.birthDate,
      maxLength: 10,
      set: (typed) => set({ birthDate: typed }),
    },
    {
      field: 'ageYears',
      label: t('patients.age'),
      problem: t('patients.ageProblem'),
      text: value.ageYears === null ? '' : String(value.ageYears),
      inputMode: 'numeric',
      maxLength: 3,
      set: (typed) => set({ ageYears: age(typed) }),
    },
    {
      field: 'abhaNumber',
      label: t('patients.abha'),
      problem: t('patients.abhaProblem'),
      text: value.abhaNumber,
      inputMode: 'numeric',
      maxLength: 20,
      set: (typed) => set({ abhaNumber: typed }),
    },
    {
      field: 'hospitalNumber',
      label: t('patients.hospitalNumber'),
      problem: t('patients.hospitalNumberProblem'),
      text: value.hospitalNumber,
      maxLength: 40,
      set: (typed) => set({ hospitalNumber: typed }),
    },
  ];
  return (
    <fieldset
      className="registration"
      data-testid="registration"
      onKeyDown={(e) => {
        if (e.key !== 'Enter' || e.ctrlKey) return;
        e.preventDefault();
        onSubmit();
      }}
    >
      <legend>
        {t('patients.registration')} <kbd>Alt+R</kbd>
      </legend>
      <label className="field">
        <span>{t('patients.sex')}</span>
        <select
          ref={firstRef}
          name="sex"
          value={value.sex}
          aria-invalid={problem('sex')}
          onChange={(e) => set({ sex: e.target.value as SexName | '' })}
        >
          <option value="">{t('patients.sexNotSaid')}</option>
          {SEXES.map((s) => (
            <option key={s} value={s}>
              {t(`patients.sexes.${s}`)}
            </option>
          ))}
        </select>
        {problem('sex') && (
          <small className="field-error" role="alert">
            {t('patients.sexProblem')}
          </small>
        )}
      </label>
      {rows.map((row) => (
        <label className="field" key={row.field}>
          <span>{row.label}</span>
          <input
            name={row.field}
            autoComplete="off"
            inputMode={row.inputMode}
            maxLength={row.maxLength}
            value={row.text}
            aria-invalid={problem(row.field)}
            onChange={(e) => row.set(e.target.value)}
          />
          {problem(row.field) && (
            <small className="field-error" role="alert">
              {row.problem}
            </small>
          )}
        </label>
      ))}
    </fieldset>
  );
}
