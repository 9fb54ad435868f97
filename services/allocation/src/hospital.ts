import { DateTime } from 'luxon';
import type { LocalDate, Policy, Source } from '@opd/engine';

/** The deployment's hospital: what "today" means, how phones are read, and the rules. */
export interface Hospital {
  readonly timeZone: string;
  /** ISO 3166 alpha-2 country for phone numbers written without a country code. */
  readonly defaultCountry: string;
  readonly policy: Policy;
  /** How many days ahead a token may be booked. */
  readonly bookingHorizonDays: number;
  /** The sources each role may book with (a role not listed may use none). */
  readonly sourcesByRole: Readonly<Partial<Record<string, readonly Source[]>>>;
}

/** The local day last asked for, per hospital: most calls fall on the same day. */
const lastDay = new WeakMap<Hospital, { date: LocalDate; from: number; to: number }>();

/** The hospital's local calendar date at an instant. */
export function localDate(hospital: Hospital, instant: number): LocalDate {
  const known = lastDay.get(hospital);
  if (known && instant >= known.from && instant < known.to) return known.date;
  const local = DateTime.fromMillis(instant, { zone: hospital.timeZone });
  const date = local.toISODate() as LocalDate;
  const from = local.startOf('day');
  lastDay.set(hospital, { date, from: from.toMillis(), to: from.plus({ days: 1 }).toMillis() });
  return date;
}

/** When the local `date` (plus `days` more) begins, as an instant. */
export function localDayStart(hospital: Hospital, date: string, days = 0): Date {
  return DateTime.fromISO(date, { zone: hospital.timeZone })
    .plus({ days })
    .startOf('day')
    .toJSDate();
}

/** Whole days from `from` to `to` (both local dates). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  const a = DateTime.fromISO(from, { zone: 'UTC' });
  const b = DateTime.fromISO(to, { zone: 'UTC' });
  return Math.round(b.diff(a, 'days').days);
}
