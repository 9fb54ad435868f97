import type { DoctorDay, Instant, Token } from './types.js';

/**
 * The doctor's room queue (DESIGN.md §3b): the CHECKED_IN tokens in calling order. The not
 * skipped come first: EMERGENCY, then earlier slot start, then higher priority, then earlier
 * check-in, then lower token number. The skipped follow in the order they were skipped.
 *
 * @example a walk-in of the 09:00 slot checked in at 08:50, an EMERGENCY of the 10:00 slot
 * checked in at 09:05, a follow-up skipped at 09:10 → the emergency, the walk-in, the follow-up
 */
export function roomQueue(day: DoctorDay): Token[] {
  const slotStart = new Map(day.slots.map((s) => [s.id, s.startsAt]));
  const startOf = (t: Token): Instant => slotStart.get(t.slotId) ?? Number.POSITIVE_INFINITY;
  return day.tokens
    .filter((t) => t.status === 'CHECKED_IN')
    .sort((a, b) => compareQueued(a, b, startOf));
}

function compareQueued(a: Token, b: Token, startOf: (t: Token) => Instant): number {
  const skipped = (t: Token) => (t.skips > 0 ? 1 : 0);
  if (skipped(a) !== skipped(b)) return skipped(a) - skipped(b);
  if (skipped(a)) return (a.lastSkippedAt ?? 0) - (b.lastSkippedAt ?? 0) || a.number - b.number;
  const emergency = (t: Token) => (t.source === 'EMERGENCY' ? 0 : 1);
  return (
    emergency(a) - emergency(b) ||
    startOf(a) - startOf(b) ||
    b.priority - a.priority ||
    (a.checkedInAt ?? 0) - (b.checkedInAt ?? 0) ||
    a.number - b.number
  );
}

/** The patient in the room now, if the room has called one (at most one per doctor-day). */
export function calledToken(day: DoctorDay): Token | undefined {
  return day.tokens.find((t) => t.status === 'CALLED');
}

/** Every queued token's 1-based place ("you are 3rd"), from one sort: a board needs them all. */
export function queuePlaces(day: DoctorDay): ReadonlyMap<string, number> {
  return new Map(roomQueue(day).map((token, index) => [token.id, index + 1]));
}
