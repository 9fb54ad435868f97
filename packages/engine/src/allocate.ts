import { DayChange, type Outcome } from './day-change.js';
import { fail, ok, type Result } from './errors.js';
import { choosePreemptionVictim } from './preempt.js';
import { createPriorityCalculator } from './priority.js';
import { findRoom, isDayOver, isHeld } from './slots.js';
import type { Context, DoctorDay, Slot, Source, Token, WaitlistEntry } from './types.js';
import { waitingEntries, waitlistBound, waitlistPosition, wasDisplaced } from './waitlist.js';

export interface TokenRequest {
  readonly patientId: string;
  readonly source: Source;
  readonly preferredSlotId?: string | undefined;
}

export type RequestOutcome = Outcome &
  (
    | {
        readonly kind: 'ALLOCATED';
        readonly token: Token;
        readonly slot: Slot;
        /** The token that made way, now PREEMPTED, when the day was full. */
        readonly preempted?: Token;
        /** The displaced patient's new waitlist entry and its position. */
        readonly displacedEntry?: WaitlistEntry;
        readonly displacedPosition?: number;
      }
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
  const { now } = ctx;
  const held = day.tokens.find((t) => t.patientId === request.patientId && isHeld(t));
  if (held) {
    return fail({
      code: 'PATIENT_ALREADY_HOLDS_TOKEN',
      tokenId: held.id,
      tokenNumber: held.number,
    });
  }
  const waiting = day.waitlist.find(
    (e) => e.patientId === request.patientId && e.status === 'WAITING',
  );
  if (waiting) {
    return fail({
      code: 'PATIENT_ALREADY_WAITING',
      waitlistEntryId: waiting.id,
      position: waitlistPosition(day, waiting.id) ?? 0,
    });
  }
  if (day.slots.length === 0) return fail({ code: 'NO_SESSION_ON_DATE' });
  if (request.preferredSlotId && !day.slots.some((s) => s.id === request.preferredSlotId)) {
    return fail({ code: 'SLOT_NOT_FOUND', slotId: request.preferredSlotId });
  }
  if (isDayOver(day, now)) return fail({ code: 'DOCTOR_DAY_OVER' });

  const change = new DayChange(day, ctx);
  const priority = createPriorityCalculator(ctx.policy)(request);
  // Displaced once on this doctor-day: whatever the patient holds here from now on stays.
  const displacedBefore = wasDisplaced(day, request.patientId);
  const newToken = (slot: Slot): Token => ({
    id: ctx.newId(),
    number: change.day.nextTokenNumber,
    patientId: request.patientId,
    slotId: slot.id,
    source: request.source,
    priority,
    requestedAt: now,
    allocatedAt: now,
    status: 'ALLOCATED',
    protected: displacedBefore,
  });

  const room = findRoom(day, now, request.preferredSlotId);
  if (room) {
    const token = newToken(room);
    change.emit({ type: 'TokenAllocated', token });
    return ok({ ...change.result(), kind: 'ALLOCATED', token, slot: room });
  }

  const victim = choosePreemptionVictim(day, now);
  if (victim && victim.priority < priority) {
    const slot = day.slots.find((s) => s.id === victim.slotId) as Slot;
    const token = newToken(slot);
    change.emit({
      type: 'TokenPreempted',
      tokenId: victim.id,
      byTokenId: token.id,
      reason: `displaced by a more urgent ${request.source} request (token ${token.number})`,
    });
    change.emit({ type: 'TokenAllocated', token });
    const displacedEntry = newEntry(change, {
      patientId: victim.patientId,
      source: victim.source,
      priority: victim.priority,
      requestedAt: victim.requestedAt,
      displacedTokenId: victim.id,
    });
    return ok({
      ...change.result(),
      kind: 'ALLOCATED',
      token,
      slot,
      preempted: change.day.tokens.find((t) => t.id === victim.id) as Token,
      displacedEntry,
      displacedPosition: waitlistPosition(change.day, displacedEntry.id) ?? 0,
    });
  }

  const queued = waitingEntries(day).length;
  const bound = waitlistBound(day, ctx.policy);
  if (queued >= bound && request.source !== 'EMERGENCY' && !displacedBefore) {
    return fail({ code: 'DOCTOR_DAY_FULL', waiting: queued, bound });
  }
  const entry = newEntry(change, { ...request, priority, requestedAt: now });
  return ok({
    ...change.result(),
    kind: 'WAITLISTED',
    entry,
    position: waitlistPosition(change.day, entry.id) ?? 0,
  });
}

function newEntry(
  change: DayChange,
  fields: Pick<WaitlistEntry, 'patientId' | 'source' | 'priority' | 'requestedAt'> & {
    readonly displacedTokenId?: string;
  },
): WaitlistEntry {
  const entry: WaitlistEntry = {
    id: change.ctx.newId(),
    entryNumber: change.day.nextEntryNumber,
    patientId: fields.patientId,
    source: fields.source,
    priority: fields.priority,
    requestedAt: fields.requestedAt,
    createdAt: change.ctx.now,
    status: 'WAITING',
    ...(fields.displacedTokenId ? { displacedTokenId: fields.displacedTokenId } : {}),
  };
  change.emit({ type: 'WaitlistEntryAdded', entry });
  return entry;
}
