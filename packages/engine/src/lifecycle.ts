import { DayChange, type Outcome } from './day-change.js';
import { fail, ok, type Result } from './errors.js';
import { roomClosed } from './room-hours.js';
import type { Context, DoctorDay, Instant, Token, TokenStatus, WaitlistEntry } from './types.js';
import { expireStaleEntries, promoteWaitlist } from './waitlist.js';

/**
 * The token moves the counter and the room can make, aligned with FHIR Appointment states. A
 * CALLED patient is in the room: not cancelled (skip, transfer or complete them), and CALLED →
 * CHECKED_IN is the room's skip, never a check-in. NO_SHOW from CHECKED_IN only after two skips
 * (`markNoShow`). Undo goes back along these arrows (undo.ts).
 */
const TRANSITIONS: Readonly<Record<TokenStatus, readonly TokenStatus[]>> = {
  ALLOCATED: ['CHECKED_IN', 'CANCELLED', 'NO_SHOW', 'PREEMPTED', 'TRANSFERRED'],
  CHECKED_IN: ['CALLED', 'COMPLETED', 'CANCELLED', 'TRANSFERRED', 'NO_SHOW'],
  CALLED: ['CHECKED_IN', 'COMPLETED', 'TRANSFERRED'],
  COMPLETED: [],
  CANCELLED: [],
  NO_SHOW: [],
  PREEMPTED: [],
  TRANSFERRED: [],
};

export const canTransition = (from: TokenStatus, to: TokenStatus): boolean =>
  TRANSITIONS[from].includes(to);

/** Result of a token move: the token after it and any waitlist promotions it caused. */
export type TokenOutcome = Outcome & {
  readonly token: Token;
  readonly promoted: readonly Token[];
};

/** Cancels an ALLOCATED or CHECKED_IN token; the freed place goes to the waitlist at once. */
export function cancelToken(
  day: DoctorDay,
  tokenId: string,
  reason: string,
  ctx: Context,
): Result<TokenOutcome> {
  return move(day, tokenId, 'CANCELLED', ctx, (change) =>
    change.emit({ type: 'TokenCancelled', tokenId, reason }),
  );
}

/** The patient has arrived at the OPD: protects the token from no-show and preemption. */
export function checkInToken(day: DoctorDay, tokenId: string, ctx: Context): Result<TokenOutcome> {
  if (ctx.now < day.dayStartsAt) {
    return fail({ code: 'CHECK_IN_NOT_OPEN', opensAt: day.dayStartsAt });
  }
  // CALLED → CHECKED_IN is the room's skip, not an arrival: only a booked patient checks in.
  const token = day.tokens.find((t) => t.id === tokenId);
  if (token && token.status !== 'ALLOCATED') {
    return fail({
      code: 'INVALID_TRANSITION',
      subject: 'TOKEN',
      from: token.status,
      to: 'CHECKED_IN',
    });
  }
  return move(day, tokenId, 'CHECKED_IN', ctx, (change) =>
    change.emit({ type: 'TokenCheckedIn', tokenId }),
  );
}

/**
 * The consultation is over: from CALLED, or from CHECKED_IN for rooms that do not call. The place
 * stays counted: it was used. A room operation, so not after the midnight ending the day.
 */
export function completeToken(day: DoctorDay, tokenId: string, ctx: Context): Result<TokenOutcome> {
  const closed = roomClosed(day, ctx.now);
  // An unknown token is still reported as unknown, whatever the hour.
  if (closed && day.tokens.some((t) => t.id === tokenId)) return fail(closed);
  return move(day, tokenId, 'COMPLETED', ctx, (change) =>
    change.emit({ type: 'TokenCompleted', tokenId }),
  );
}

/**
 * When a no-show may first be marked: the grace period after the slot's start, or after the
 * token was issued if that was later (a patient placed into a running slot gets the full grace),
 * or after an undone no-show (the patient turned up after all).
 */
export function noShowAllowedFrom(day: DoctorDay, token: Token, graceMinutes: number): Instant {
  const slot = day.slots.find((s) => s.id === token.slotId);
  const start = Math.max(
    slot?.startsAt ?? token.allocatedAt,
    token.allocatedAt,
    token.graceFrom ?? token.allocatedAt,
  );
  return start + graceMinutes * 60_000;
}

/** Skips after which a checked-in patient who does not answer may be marked NO_SHOW at once. */
export const SKIPS_BEFORE_NO_SHOW = 2;

/**
 * Marks an ALLOCATED token NO_SHOW once the grace period is over, or a CHECKED_IN one skipped
 * twice at once (no grace: the patient was here); the place is promoted.
 */
export function markNoShow(day: DoctorDay, tokenId: string, ctx: Context): Result<TokenOutcome> {
  const token = day.tokens.find((t) => t.id === tokenId);
  if (token?.status === 'ALLOCATED') {
    const allowedFrom = noShowAllowedFrom(day, token, ctx.policy.noShowGraceMinutes);
    if (ctx.now < allowedFrom) return fail({ code: 'GRACE_PERIOD_NOT_OVER', allowedFrom });
  }
  if (token?.status === 'CHECKED_IN' && token.skips < SKIPS_BEFORE_NO_SHOW) {
    return fail({
      code: 'INVALID_TRANSITION',
      subject: 'TOKEN',
      from: 'CHECKED_IN',
      to: 'NO_SHOW',
    });
  }
  return move(day, tokenId, 'NO_SHOW', ctx, (change) =>
    change.emit({ type: 'TokenNoShow', tokenId }),
  );
}

export type EntryOutcome = Outcome & { readonly entry: WaitlistEntry };

/** Takes a WAITING patient off the waitlist. */
export function cancelWaitlistEntry(
  day: DoctorDay,
  entryId: string,
  reason: string,
  ctx: Context,
): Result<EntryOutcome> {
  const entry = day.waitlist.find((e) => e.id === entryId);
  if (!entry) return fail({ code: 'WAITLIST_ENTRY_NOT_FOUND', waitlistEntryId: entryId });
  if (entry.status !== 'WAITING') {
    return fail({
      code: 'INVALID_TRANSITION',
      subject: 'WAITLIST_ENTRY',
      from: entry.status,
      to: 'CANCELLED',
    });
  }
  const change = new DayChange(day, ctx);
  change.emit({ type: 'WaitlistEntryCancelled', entryId, reason });
  const after = change.day.waitlist.find((e) => e.id === entryId) as WaitlistEntry;
  return ok({ ...change.result(), entry: after });
}

function move(
  day: DoctorDay,
  tokenId: string,
  to: TokenStatus,
  ctx: Context,
  emit: (change: DayChange) => void,
): Result<TokenOutcome> {
  const token = day.tokens.find((t) => t.id === tokenId);
  if (!token) return fail({ code: 'TOKEN_NOT_FOUND', tokenId });
  if (!canTransition(token.status, to)) {
    return fail({ code: 'INVALID_TRANSITION', subject: 'TOKEN', from: token.status, to });
  }
  const change = new DayChange(day, ctx);
  emit(change);
  const promoted = promoteWaitlist(change);
  expireStaleEntries(change);
  const after = change.day.tokens.find((t) => t.id === tokenId) as Token;
  return ok({ ...change.result(), token: after, promoted });
}
