// Which board actions a token allows right now, and in words why not. The services decide
// (and refuse anything else); this only lets the counter see it before pressing a key.
// Environment: std.
import type { TokenView } from './views.js';

export type ActionName = 'checkIn' | 'complete' | 'noShow' | 'cancel';

export type Availability =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly why: string; readonly from?: string };

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

const clock = (instant: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);

const STATUS_WORDS: Readonly<Record<TokenView['status'], string>> = {
  ALLOCATED: 'waiting for the patient',
  CHECKED_IN: 'checked in',
  COMPLETED: 'completed',
  CANCELLED: 'cancelled',
  NO_SHOW: 'a no-show',
  PREEMPTED: 'displaced',
};

export function tokenActions(
  token: TokenView,
  now: Date,
  options: { readonly graceMinutes: number; readonly timeZone: string },
): Readonly<Record<ActionName, Availability>> {
  const is = STATUS_WORDS[token.status];
  const not = (why: string): Availability => ({ allowed: false, why });
  const allocated = token.status === 'ALLOCATED';
  const from = noShowAllowedFrom(token, options.graceMinutes);
  let noShow: Availability;
  if (!allocated) noShow = not(`The token is ${is}.`);
  else if (now < from) {
    const at = clock(from, options.timeZone);
    noShow = {
      allowed: false,
      why: `No-show possible from ${at} (${options.graceMinutes} minutes' grace).`,
      from: from.toISOString(),
    };
  } else noShow = { allowed: true };
  return {
    checkIn: allocated ? { allowed: true } : not(`The token is ${is}.`),
    complete:
      token.status === 'CHECKED_IN'
        ? { allowed: true }
        : not('Only a checked-in patient can be completed.'),
    noShow,
    cancel:
      allocated || token.status === 'CHECKED_IN' ? { allowed: true } : not(`The token is ${is}.`),
  };
}
