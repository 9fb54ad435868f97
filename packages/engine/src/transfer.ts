import { DayChange, type Outcome } from './day-change.js';
import { fail, ok, type Result } from './errors.js';
import { canTransition, type TokenOutcome } from './lifecycle.js';
import { placementRefusal, placePatient, type Placement } from './placement.js';
import type { Context, DoctorDay, Token } from './types.js';
import { expireStaleEntries, promoteWaitlist } from './waitlist.js';

/** Both doctor-days after a transfer: the service stores both in one transaction. */
export interface TransferOutcome {
  /** The day the patient left: the token TRANSFERRED and whoever was promoted into its place. */
  readonly source: TokenOutcome;
  /** The day the patient joined: their new token, and who made way if that day was full. */
  readonly target: Outcome & Placement;
}

/**
 * Sends a patient to another doctor on the same date (DESIGN.md §3b). The patient is placed on the
 * target as a request with the same source, priority and original request time, without a
 * preferred slot: a slot with room, else preemption of someone strictly less urgent, never the
 * waitlist. A patient who had arrived (CHECKED_IN or CALLED) arrives checked in at the transfer's
 * time; skips and protection stay behind. Refused with nothing changed on either day when the
 * target has no place, is over, or the patient already holds a token or waits there.
 *
 * @example token 7 CALLED by Dr Rao, reason "needs ENT" → on Dr Rao's day token 7 is TRANSFERRED
 * and the best waiting patient is promoted; on Dr Iyer's day the patient has a new CHECKED_IN token
 * with `transferredFrom` token 7, in her first slot with room.
 */
export function transferToken(
  source: DoctorDay,
  target: DoctorDay,
  tokenId: string,
  reason: string,
  ctx: Context,
): Result<TransferOutcome> {
  if (reason.trim() === '') return fail({ code: 'TRANSFER_REASON_REQUIRED' });
  const token = source.tokens.find((t) => t.id === tokenId);
  if (!token) return fail({ code: 'TOKEN_NOT_FOUND', tokenId });
  if (target.doctorId === source.doctorId) {
    return fail({ code: 'TRANSFER_TARGET_INVALID', reason: 'SAME_DOCTOR' });
  }
  if (target.date !== source.date) {
    return fail({ code: 'TRANSFER_TARGET_INVALID', reason: 'OTHER_DATE' });
  }
  if (!canTransition(token.status, 'TRANSFERRED')) {
    return fail({
      code: 'INVALID_TRANSITION',
      subject: 'TOKEN',
      from: token.status,
      to: 'TRANSFERRED',
    });
  }
  // As a request: same source, priority and original request time; no preferred slot.
  const placing = {
    patientId: token.patientId,
    source: token.source,
    priority: token.priority,
    requestedAt: token.requestedAt,
  };
  const refused = placementRefusal(target, placing, ctx.now);
  if (refused) return fail(refused);

  const arrived = token.status === 'CHECKED_IN' || token.status === 'CALLED';
  const into = new DayChange(target, ctx);
  const placed = placePatient(into, placing, {
    ...(arrived ? { status: 'CHECKED_IN', checkedInAt: ctx.now } : {}),
    transferredFrom: { doctorDayId: source.id, tokenId },
  });
  if (!placed) return fail({ code: 'TRANSFER_TARGET_FULL', doctorDayId: target.id });

  const outOf = new DayChange(source, ctx);
  outOf.emit({
    type: 'TokenTransferred',
    tokenId,
    reason,
    toDoctorDayId: target.id,
    toTokenId: placed.token.id,
  });
  const promoted = promoteWaitlist(outOf);
  expireStaleEntries(outOf);
  const left = outOf.day.tokens.find((t) => t.id === tokenId) as Token;
  return ok({
    source: { ...outOf.result(), token: left, promoted },
    target: { ...into.result(), ...placed },
  });
}
