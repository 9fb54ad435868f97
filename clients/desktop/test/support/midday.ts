// A hospital zone in which it is just before or after noon, whatever the hour the tests run, so
// a test's "today" has a morning that is over, a slot running now and an afternoon not started.
// The services keep real time; only the hospital's zone is chosen (OPD_TIME_ZONE).
import type { SessionView } from '../../src/shared/views.js';

/**
 * An `Etc/GMT±N` zone where the local time is now between 11:30 and 12:29.
 *
 * @example at 03:10 UTC → 'Etc/GMT-9' (UTC+9, 12:10 there); at 18:45 UTC → 'Etc/GMT+7' (11:45)
 */
export function middayZone(now = new Date()): string {
  const localHour = now.getUTCMinutes() < 30 ? 12 : 11;
  const ahead = localHour - now.getUTCHours();
  if (ahead === 0) return 'Etc/UTC';
  // POSIX signs: Etc/GMT-9 is nine hours AHEAD of UTC.
  return `Etc/GMT${ahead > 0 ? '-' : '+'}${Math.abs(ahead)}`;
}

/** "YYYY-MM-DD" now in a zone. */
export function todayIn(zone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

const session = (startTime: string, endTime: string, slotMinutes: number) => (capacity: number) =>
  ({ startTime, endTime, slotMinutes, capacityPerSlot: capacity }) satisfies SessionView;

/** Six half-hour slots that ended at least half an hour ago. */
export const endedMorning = session('08:00', '11:00', 30);
/** One two-hour slot running now (11:00–13:00). */
export const runningSlot = session('11:00', '13:00', 120);
/** Half-hour slots that start at least an hour and a half from now (14:00–17:00). */
export const afternoon = session('14:00', '17:00', 30);
