// Which board actions a token allows right now, and why not. The services decide
// (and refuse anything else); this only lets the counter see it before pressing a key.
// Environment: std.
import type { TokenView } from './views.js';

export type ActionName = 'checkIn' | 'complete' | 'noShow' | 'cancel';

/** A patient the room skipped this often was here and did not come in: no grace (§3b). */
export const SKIPS_FOR_NO_SHOW = 2;

/** Why an action is not possible now, as data: the renderer words it in the counter's language. */
export type Refusal =
  | { readonly kind: 'status'; readonly status: TokenView['status'] }
  | { readonly kind: 'notCheckedIn' }
  | { readonly kind: 'called' }
  | { readonly kind: 'graceNotOver'; readonly from: string; readonly minutes: number };

export type Availability =
  { readonly allowed: true } | { readonly allowed: false; readonly refusal: Refusal };

/**
 * The instant from which a token may be marked no-show: the grace period after the later of
 * its slot's start and its issue time (ADR 0004), so a patient placed into a running slot still
 * gets the full period.
 *
 * @example slot 09:00, issued 08:10, grace 15 → 09:15; slot 09:00, issued 09:20 → 09:35
 */
export function noShowAllowedFrom(
  token: Pick<TokenView, 'slotStartTime' | 'allocateTime'>,
  graceMinutes: number,
): Date {
  const start = Math.max(Date.parse(token.slotStartTime), Date.parse(token.allocateTime));
  return new Date(start + graceMinutes * 60_000);
}

export function tokenActions(
  token: TokenView,
  now: Date,
  options: { readonly graceMinutes: number },
): Readonly<Record<ActionName, Availability>> {
  const ok: Availability = { allowed: true };
  const not = (refusal: Refusal): Availability => ({ allowed: false, refusal });
  const byStatus = not({ kind: 'status', status: token.status });
  const allocated = token.status === 'ALLOCATED';
  const checkedIn = token.status === 'CHECKED_IN';
  const called = token.status === 'CALLED';
  const from = noShowAllowedFrom(token, options.graceMinutes);
  let noShow: Availability = ok;
  if (checkedIn && token.skipCount >= SKIPS_FOR_NO_SHOW) noShow = ok;
  else if (!allocated) noShow = byStatus;
  else if (now < from) {
    noShow = not({ kind: 'graceNotOver', from: from.toISOString(), minutes: options.graceMinutes });
  }
  return {
    checkIn: allocated ? ok : byStatus,
    complete: checkedIn || called ? ok : not({ kind: 'notCheckedIn' }),
    noShow,
    // A called patient is in the room: skip, transfer or complete them instead.
    cancel: allocated || checkedIn ? ok : called ? not({ kind: 'called' }) : byStatus,
  };
}
