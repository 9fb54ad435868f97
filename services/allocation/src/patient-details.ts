import { isDate } from '@opd/service-runtime';

/**
 * A patient's optional registration details (DESIGN.md §3 step 1; ADR 0007), as stored: every
 * field null when not recorded. An age in years is stored as an estimated date of birth (the
 * 1 January of the year it implies), so it stays right as the years pass.
 */
export interface PatientDetails {
  readonly sex: PatientSex | null;
  readonly birthDate: string | null;
  readonly birthDateEstimated: boolean;
  readonly abhaNumber: string | null;
  readonly hospitalNumber: string | null;
}

export type PatientSex = 'FEMALE' | 'MALE' | 'OTHER';

export const NO_DETAILS: PatientDetails = {
  sex: null,
  birthDate: null,
  birthDateEstimated: false,
  abhaNumber: null,
  hospitalNumber: null,
};

export const hasDetails = (d: PatientDetails): boolean =>
  d.sex !== null || d.birthDate !== null || d.abhaNumber !== null || d.hospitalNumber !== null;

export const EARLIEST_BIRTH_DATE = '1900-01-01';
export const AGE_MAX = 130;
export const HOSPITAL_NUMBER_MAX = 40;

// The Verhoeff check digit (dihedral group D5): ABDM's ABHA numbers end in one, as Aadhaar's do.
const D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
const INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

const at = (row: readonly number[] | undefined, i: number): number => row?.[i] ?? 0;

const verhoeff = (digits: string, withCheck: boolean): number => {
  let c = 0;
  const n = digits.length;
  for (let i = 0; i < n; i++) {
    const digit = Number(digits[n - 1 - i]);
    c = at(D[c], at(P[(i + (withCheck ? 0 : 1)) % 8], digit));
  }
  return c;
};

/** True when the digits end in their Verhoeff check digit. */
export const verhoeffValid = (digits: string): boolean =>
  /^[0-9]+$/.test(digits) && verhoeff(digits, true) === 0;

/** The Verhoeff check digit to append to `digits`. */
export const verhoeffDigit = (digits: string): number => at(INV, verhoeff(digits, false));

/** An ABHA number as typed ("12-3456-7890-1234", spaces allowed) → its 14 digits. */
export const abhaDigits = (value: string): string => value.replace(/[\s-]/g, '');

/** What is wrong with an ABHA number as typed, or undefined when it is valid. */
export function abhaProblem(value: string): string | undefined {
  const digits = abhaDigits(value);
  if (!/^[0-9]{14}$/.test(digits))
    return 'must be 14 digits (spaces and hyphens allowed, e.g. 12-3456-7890-1234)';
  if (!verhoeffValid(digits)) return 'has a wrong check digit (mistyped?)';
  return undefined;
}

/** What is wrong with a date of birth, or undefined when it is valid. */
export function birthDateProblem(value: string, today: string): string | undefined {
  if (!isDate(value)) return 'must be a calendar date as YYYY-MM-DD';
  if (value < EARLIEST_BIRTH_DATE) return `must be ${EARLIEST_BIRTH_DATE} or later`;
  if (value > today) return `must not be in the future (today is ${today})`;
  return undefined;
}

/** The estimated date of birth for an age in whole years on `today`: 1 January of that year. */
export const birthDateForAge = (age: number, today: string): string =>
  `${String(Number(today.slice(0, 4)) - age).padStart(4, '0')}-01-01`;

/** Whole years from a date of birth to `today`. */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
