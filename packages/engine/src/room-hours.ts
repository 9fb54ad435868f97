import type { DomainError } from './errors.js';
import type { DoctorDay, Instant } from './types.js';

const DAY_MS = 24 * 60 * 60_000;

/**
 * When the doctor's room stops calling, skipping and completing: local midnight ending the day
 * (DESIGN.md §3b); tokens still CHECKED_IN or CALLED then stay so and count as not seen.
 *
 * The day carries its start but not its time zone, so this is the start plus 24 hours: exact in
 * zones without daylight saving (Asia/Kolkata, the default). On a night a zone moves its clocks
 * the room closes an hour early or late.
 */
export function roomClosesAt(day: DoctorDay): Instant {
  return day.dayStartsAt + DAY_MS;
}

/** The refusal for a room operation outside the day (before its midnight or from the next). */
export function roomClosed(day: DoctorDay, now: Instant): DomainError | undefined {
  const closesAt = roomClosesAt(day);
  if (now >= day.dayStartsAt && now < closesAt) return undefined;
  return { code: 'ROOM_CLOSED', opensAt: day.dayStartsAt, closesAt };
}
