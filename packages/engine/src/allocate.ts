import { DayChange, type Outcome } from './day-change.js';
import { fail, ok, type Result } from './errors.js';
import { placementRefusal, placePatient, type Placement } from './placement.js';
import { createPriorityCalculator } from './priority.js';
import type { Context, DoctorDay, Source, WaitlistEntry } from './types.js';
import {
  addWaitlistEntry,
  waitingEntries,
  waitlistBound,
  waitlistPosition,
  wasDisplaced,
} from './waitlist.js';

export type { Placement } from './placement.js';

export interface TokenRequest {
  readonly patientId: string;
  readonly source: Source;
  readonly preferredSlotId?: string | undefined;
}

export type RequestOutcome = Outcome &
  (
    | ({ readonly kind: 'ALLOCATED' } & Placement)
    | { readonly kind: 'WAITLISTED'; readonly entry: WaitlistEntry; readonly position: number }
  );

/**
 * Places a patient's request on a doctor-day: a slot with room in search order; else the place of
 * the least urgent preemptable token if it is strictly less urgent (that patient goes to the head
 * of their class on the waitlist); else the waitlist, unless it is at its bound (then the day is
 * full: refused, except for emergencies and patients displaced earlier that day).
 *
 * @example a full day of walk-ins and an EMERGENCY request → the latest-requested walk-in in a
 * slot that has not started is PREEMPTED and waits; the emergency gets its place and the next
 * token number.
 */
export function requestToken(
  day: DoctorDay,
  request: TokenRequest,
  ctx: Context,
): Result<RequestOutcome> {
  const refused = placementRefusal(day, request, ctx.now);
  if (refused) return fail(refused);

  const change = new DayChange(day, ctx);
  const priority = createPriorityCalculator(ctx.policy)(request);
  const placing = { ...request, priority, requestedAt: ctx.now };
  const placed = placePatient(change, placing);
  if (placed) return ok({ ...change.result(), kind: 'ALLOCATED', ...placed });

  const queued = waitingEntries(day).length;
  const bound = waitlistBound(day, ctx.policy);
  const exempt = request.source === 'EMERGENCY' || wasDisplaced(day, request.patientId);
  if (queued >= bound && !exempt) {
    return fail({ code: 'DOCTOR_DAY_FULL', waiting: queued, bound });
  }
  const entry = addWaitlistEntry(change, placing);
  return ok({
    ...change.result(),
    kind: 'WAITLISTED',
    entry,
    position: waitlistPosition(change.day, entry.id) ?? 0,
  });
}
