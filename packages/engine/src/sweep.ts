import { DayChange, type Outcome } from './day-change.js';
import { noShowAllowedFrom } from './lifecycle.js';
import type { Context, DoctorDay, Token, WaitlistEntry } from './types.js';
import { expireStaleEntries, promoteWaitlist } from './waitlist.js';

export type SweepOutcome = Outcome & {
  readonly noShows: readonly Token[];
  readonly promoted: readonly Token[];
  readonly expired: readonly WaitlistEntry[];
};

/**
 * The periodic pass over a doctor-day: ALLOCATED tokens past their grace period become NO_SHOW,
 * the freed places are promoted, and once the day is over the remaining waitlist expires.
 * Returns no events when there is nothing to do.
 */
export function sweepDoctorDay(day: DoctorDay, ctx: Context): SweepOutcome {
  const change = new DayChange(day, ctx);
  const due = day.tokens.filter(
    (t) =>
      t.status === 'ALLOCATED' &&
      ctx.now >= noShowAllowedFrom(day, t, ctx.policy.noShowGraceMinutes),
  );
  for (const token of due) change.emit({ type: 'TokenNoShow', tokenId: token.id });
  const promoted = promoteWaitlist(change);
  const expired = expireStaleEntries(change);
  const noShows = due.map((t) => change.day.tokens.find((x) => x.id === t.id) as Token);
  return { ...change.result(), noShows, promoted, expired };
}
