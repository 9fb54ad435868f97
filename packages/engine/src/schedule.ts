import { DateTime } from 'luxon';
import { DayChange, type Outcome } from './day-change.js';
import { fail, ok, type Result } from './errors.js';
import { byStart, occupancy } from './slots.js';
import type { Context, DoctorDay, Instant, LocalDate, Slot } from './types.js';
import { expireStaleEntries, promoteWaitlist } from './waitlist.js';

/** A block of consecutive slots, e.g. 09:00–13:00 in 30-minute slots of 6 patients each. */
export interface Session {
  /** Local `HH:MM`. */
  readonly start: string;
  readonly end: string;
  readonly slotMinutes: number;
  readonly capacityPerSlot: number;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface WeeklySchedule {
  readonly days: readonly { readonly weekday: Weekday; readonly sessions: readonly Session[] }[];
}

/** A date that does not follow the weekly template: leave, or different sessions. */
export type ScheduleOverride =
  | { readonly date: LocalDate; readonly kind: 'LEAVE' }
  | { readonly date: LocalDate; readonly kind: 'SESSIONS'; readonly sessions: readonly Session[] };

/** A slot before it has an id (a caller may give it one, e.g. derived from the day and times). */
export type PlannedSlot = Omit<Slot, 'id'> & { readonly id?: string };

export interface SessionProblem {
  /** Which session of the list, 0-based. */
  readonly index: number;
  readonly property: keyof Session;
  readonly description: string;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** Checks a list of sessions for one day: well-formed times, sane sizes, no overlaps. */
export function validateSessions(sessions: readonly Session[]): SessionProblem[] {
  const problems: SessionProblem[] = [];
  const problem = (index: number, property: keyof Session, description: string) =>
    problems.push({ index, property, description });
  sessions.forEach((s, i) => {
    if (!HH_MM.test(s.start)) problem(i, 'start', 'must be HH:MM (24-hour)');
    if (!HH_MM.test(s.end)) problem(i, 'end', 'must be HH:MM (24-hour)');
    if (HH_MM.test(s.start) && HH_MM.test(s.end) && minutesOf(s.end) <= minutesOf(s.start)) {
      problem(i, 'end', 'must be after the start');
    }
    if (!Number.isInteger(s.slotMinutes) || s.slotMinutes < 5 || s.slotMinutes > 480) {
      problem(i, 'slotMinutes', 'must be 5 to 480 minutes');
    } else if (problems.length === 0) {
      const length = minutesOf(s.end) - minutesOf(s.start);
      if (length < s.slotMinutes) problem(i, 'slotMinutes', 'is longer than the session');
      else if (length % s.slotMinutes !== 0) {
        problem(i, 'end', `must leave a whole number of ${s.slotMinutes}-minute slots`);
      }
    }
    if (!Number.isInteger(s.capacityPerSlot) || s.capacityPerSlot < 1 || s.capacityPerSlot > 500) {
      problem(i, 'capacityPerSlot', 'must be 1 to 500');
    }
  });
  if (problems.length > 0) return problems;
  const ordered = sessions
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.start.localeCompare(b.s.start));
  for (let k = 1; k < ordered.length; k++) {
    const prev = ordered[k - 1];
    const cur = ordered[k];
    if (prev && cur && minutesOf(cur.s.start) < minutesOf(prev.s.end)) {
      problem(cur.i, 'start', `overlaps session ${prev.i}`);
    }
  }
  return problems;
}

/** Local midnight of `date` in `timeZone`, as an instant. */
export function startOfLocalDay(date: LocalDate, timeZone: string): Instant {
  return localInstant(date, '00:00', timeZone);
}

/** ISO weekday of a local date. */
export function weekdayOf(date: LocalDate): Weekday {
  return DateTime.fromISO(date, { zone: 'UTC' }).weekday as Weekday;
}

/** The sessions that apply on `date`: the override if there is one, else the template's day. */
export function sessionsOn(
  schedule: WeeklySchedule,
  override: ScheduleOverride | undefined,
  date: LocalDate,
): readonly Session[] {
  if (override) return override.kind === 'LEAVE' ? [] : override.sessions;
  return schedule.days.find((d) => d.weekday === weekdayOf(date))?.sessions ?? [];
}

/**
 * The slots of a date in the hospital's time zone. A trailing piece shorter than a slot is not a
 * slot.
 *
 * @example 09:00–10:00 in 20-minute slots of 4 → 09:00–09:20, 09:20–09:40, 09:40–10:00, each 4
 */
export function planSlots(
  sessions: readonly Session[],
  date: LocalDate,
  timeZone: string,
): PlannedSlot[] {
  const slots: PlannedSlot[] = [];
  for (const session of sessions) {
    const end = minutesOf(session.end);
    for (
      let m = minutesOf(session.start);
      m + session.slotMinutes <= end;
      m += session.slotMinutes
    ) {
      const localStart = hhmm(m);
      const localEnd = hhmm(m + session.slotMinutes);
      slots.push({
        localStart,
        localEnd,
        startsAt: localInstant(date, localStart, timeZone),
        endsAt: localInstant(date, localEnd, timeZone),
        capacity: session.capacityPerSlot,
      });
    }
  }
  return slots.sort(byStart);
}

export interface DoctorDayHeader {
  readonly doctorDayId: string;
  readonly doctorId: string;
  readonly date: LocalDate;
  readonly dayStartsAt: Instant;
}

/** A doctor-day's first event: its slots, materialised from the schedule. */
export function openDoctorDay(
  header: DoctorDayHeader,
  planned: readonly PlannedSlot[],
  ctx: Context,
): Outcome {
  const slots = planned.map((p): Slot => ({ ...p, id: p.id ?? ctx.newId() }));
  const event = {
    type: 'DoctorDayOpened' as const,
    ...header,
    slots,
    sequence: 1,
    occurredAt: ctx.now,
  };
  const day: DoctorDay = {
    id: header.doctorDayId,
    doctorId: header.doctorId,
    date: header.date,
    dayStartsAt: header.dayStartsAt,
    slots,
    tokens: [],
    waitlist: [],
    nextTokenNumber: 1,
    nextEntryNumber: 1,
    eventSequence: 1,
  };
  return { day, events: [event] };
}

export type ScheduleOutcome = Outcome & { readonly promoted: number };

/**
 * Applies a schedule change to a day that already has slots. Slots are matched by their times.
 * A change may not take a place from a held token: a slot that would vanish or shrink below its
 * occupancy refuses the whole change. Slots no token ever used are dropped; used ones stay with
 * capacity 0 so history keeps its slot. Added room is promoted at once.
 */
export function changeSchedule(
  day: DoctorDay,
  planned: readonly PlannedSlot[],
  ctx: Context,
): Result<ScheduleOutcome> {
  const key = (s: { startsAt: Instant; endsAt: Instant }) => `${s.startsAt}/${s.endsAt}`;
  const plannedByKey = new Map(planned.map((p) => [key(p), p]));
  const next: Slot[] = [];
  for (const slot of day.slots) {
    const plan = plannedByKey.get(key(slot));
    plannedByKey.delete(key(slot));
    const capacity = plan?.capacity ?? 0;
    const held = occupancy(day, slot.id);
    if (held > capacity) {
      return fail({
        code: 'SCHEDULE_CHANGE_DISPLACES_TOKENS',
        slotLocalStart: slot.localStart,
        heldTokens: held,
        newCapacity: capacity,
      });
    }
    const used = day.tokens.some((t) => t.slotId === slot.id);
    if (plan || used) next.push({ ...slot, capacity });
  }
  for (const plan of plannedByKey.values()) next.push({ ...plan, id: plan.id ?? ctx.newId() });
  next.sort(byStart);

  const change = new DayChange(day, ctx);
  if (!sameSlots(day.slots, next)) change.emit({ type: 'ScheduleChanged', slots: next });
  const promoted = promoteWaitlist(change);
  expireStaleEntries(change);
  return ok({ ...change.result(), promoted: promoted.length });
}

function sameSlots(a: readonly Slot[], b: readonly Slot[]): boolean {
  return (
    a.length === b.length && a.every((s, i) => s.id === b[i]?.id && s.capacity === b[i]?.capacity)
  );
}

function localInstant(date: LocalDate, time: string, timeZone: string): Instant {
  const dt = DateTime.fromISO(`${date}T${time}`, { zone: timeZone });
  if (!dt.isValid) throw new RangeError(`invalid local time ${date}T${time} in ${timeZone}`);
  return dt.toMillis();
}

const hhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
