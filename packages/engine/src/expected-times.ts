import { calledToken, roomQueue } from './room-queue.js';
import { byStart } from './slots.js';
import type { DoctorDay, Instant, Token } from './types.js';

/** How a doctor's consultation time is learned (DESIGN.md §3b, Expected time). */
export const CONSULTATION_LEARNING = {
  /** Bounds of the learned minutes: no estimate below 2 or above 30. */
  minMinutes: 2,
  maxMinutes: 30,
  /** The median is taken over this many latest consultations… */
  samples: 20,
  /** …once at least this many are known; before, the slot's pace is used. */
  enough: 5,
} as const;

/**
 * Minutes one consultation takes with this doctor: the median of their latest 20 consultations
 * (`recentCompletedMinutes`, any day, in completion order: the latest last), bounded 2–30. Before
 * 5 are known: the current (or else the next) slot's length divided by its capacity, bounded the
 * same.
 *
 * @example [4, 6, 7, 9, 12, 15] → 8 (the mean of 7 and 9); [] in a 30-minute slot of 6 → 5
 */
export function consultationMinutes(
  recentCompletedMinutes: readonly number[],
  day: DoctorDay,
  now: Instant,
): number {
  const { minMinutes, maxMinutes, samples, enough } = CONSULTATION_LEARNING;
  const known = recentCompletedMinutes.filter((m) => Number.isFinite(m) && m >= 0).slice(-samples);
  const minutes = known.length >= enough ? median(known) : slotPace(day, now);
  return Math.min(maxMinutes, Math.max(minMinutes, minutes));
}

/** Called → completed minutes of a consultation the room called in, else undefined. */
export function consultationMinutesOf(token: Token): number | undefined {
  const { calledAt, completedAt } = token;
  if (token.status !== 'COMPLETED' || token.lastTransition?.from !== 'CALLED') return undefined;
  if (calledAt === undefined || completedAt === undefined) return undefined;
  return (completedAt - calledAt) / 60_000;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
}

/** Minutes per patient of the slot running now, or of the next one (or the last, once over). */
function slotPace(day: DoctorDay, now: Instant): number {
  const open = day.slots.filter((s) => s.capacity > 0).sort(byStart);
  const slot = open.find((s) => s.endsAt > now) ?? open.at(-1);
  if (!slot) return CONSULTATION_LEARNING.maxMinutes; // no slots, so nobody to estimate for
  return (slot.endsAt - slot.startsAt) / 60_000 / slot.capacity;
}

export interface ExpectedCall {
  /** 1-based place in the room queue ("you are 3rd"), for CHECKED_IN tokens. */
  readonly queuePlace?: number;
  readonly expectedCallAt: Instant;
}

/**
 * When each waiting token should be called: an ALLOCATED token at the later of now and its slot's
 * start; a queued (CHECKED_IN) one at now plus the consultations ahead of it, counting the one in
 * the room. The CALLED token and closed tokens have no entry.
 *
 * @example 6-minute consultations, one patient CALLED, Asha 2nd in the queue → now + 12 minutes
 */
export function expectedCallTimes(
  day: DoctorDay,
  now: Instant,
  minutes: number,
): ReadonlyMap<string, ExpectedCall> {
  const times = new Map<string, ExpectedCall>();
  const slotStart = new Map(day.slots.map((s) => [s.id, s.startsAt]));
  for (const token of day.tokens) {
    if (token.status !== 'ALLOCATED') continue;
    times.set(token.id, { expectedCallAt: Math.max(now, slotStart.get(token.slotId) ?? now) });
  }
  const inRoom = calledToken(day) ? 1 : 0;
  roomQueue(day).forEach((token, index) => {
    const ahead = index + inRoom;
    times.set(token.id, {
      queuePlace: index + 1,
      expectedCallAt: now + Math.round(ahead * minutes * 60_000),
    });
  });
  return times;
}
