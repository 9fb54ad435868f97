// Test-only helpers: a doctor-day from a few slot lines, a context with a driven clock and
// counting ids. Not part of the engine's public API.
import { requestToken } from '../allocate.js';
import type { Result } from '../errors.js';
import { checkInToken } from '../lifecycle.js';
import { DEFAULT_POLICY } from '../priority.js';
import { openDoctorDay, planSlots, startOfLocalDay, type Session } from '../schedule.js';
import { isHeld } from '../slots.js';
import type { Context, DoctorDay, Instant, Policy, Source, Token } from '../types.js';

export const TIME_ZONE = 'Asia/Kolkata';
export const DATE = '2026-11-27';

/** An instant on the test date, from local `HH:MM` in Kolkata. */
export function at(hhmm: string, date = DATE): Instant {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8)), h, m) -
    330 * 60_000
  );
}

export function ids(prefix = 'id'): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

export function context(now: Instant, newId = ids(), policy: Policy = DEFAULT_POLICY): Context {
  return { now, newId, policy };
}

/** A doctor-day with the given sessions, opened at `openedAt`. */
export function buildDay(
  sessions: readonly Session[],
  options: {
    openedAt?: Instant;
    newId?: () => string;
    id?: string;
    doctorId?: string;
    date?: string;
  } = {},
): DoctorDay {
  const newId = options.newId ?? ids('slot');
  const { day } = openDoctorDay(
    {
      doctorDayId: options.id ?? 'day-1',
      doctorId: options.doctorId ?? 'doctor-1',
      date: options.date ?? DATE,
      dayStartsAt: startOfLocalDay(options.date ?? DATE, TIME_ZONE),
    },
    planSlots(sessions, options.date ?? DATE, TIME_ZONE),
    context(options.openedAt ?? at('07:00'), newId),
  );
  return day;
}

/** `n` slots of `minutes` from `start`, each with `capacity`. */
export const session = (
  start: string,
  end: string,
  slotMinutes: number,
  capacityPerSlot: number,
): Session => ({
  start,
  end,
  slotMinutes,
  capacityPerSlot,
});

/** The value of a successful result; fails the test with the domain error otherwise. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

const bookingIds = ids('t');

/** Books each patient in turn, a minute apart after `from`; fails the test on a refusal. */
export function book(
  day: DoctorDay,
  patients: readonly (readonly [string, Source])[],
  from = at('08:00'),
  newId = bookingIds,
): DoctorDay {
  let now = from;
  for (const [patientId, source] of patients) {
    day = unwrap(requestToken(day, { patientId, source }, context((now += 60_000), newId))).day;
  }
  return day;
}

/** The patient's token that holds a place (or, failing that, their latest one). */
export function tokenOf(day: DoctorDay, patientId: string): Token {
  const mine = day.tokens.filter((t) => t.patientId === patientId);
  const token = mine.find(isHeld) ?? mine.at(-1);
  if (!token) throw new Error(`no token for ${patientId}`);
  return token;
}

/** Checks each patient in at the given local time. */
export function arrive(day: DoctorDay, patients: readonly string[], hhmm: string): DoctorDay {
  for (const p of patients)
    day = unwrap(checkInToken(day, tokenOf(day, p).id, context(at(hhmm)))).day;
  return day;
}
