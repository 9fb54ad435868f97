import type { DayChange } from './day-change.js';
import type { DomainError } from './errors.js';
import { choosePreemptionVictim } from './preempt.js';
import { findRoom, isDayOver, isHeld } from './slots.js';
import type { DoctorDay, Instant, Slot, Source, Token, WaitlistEntry } from './types.js';
import { addWaitlistEntry, waitlistPosition, wasDisplaced } from './waitlist.js';

/** A patient as a doctor-day will place them: who, from where, how urgent, asking since when. */
export interface Placing {
  readonly patientId: string;
  readonly source: Source;
  readonly priority: number;
  readonly requestedAt: Instant;
  readonly preferredSlotId?: string | undefined;
}

/** A new token's fields beyond a fresh request's (a transfer may arrive checked in). */
export type TokenStart = Partial<Pick<Token, 'status' | 'checkedInAt' | 'transferredFrom'>>;

/** Where the patient was put, and who made way if the day was full. */
export interface Placement {
  readonly token: Token;
  readonly slot: Slot;
  /** The token that made way, now PREEMPTED, when the day was full. */
  readonly preempted?: Token;
  /** The displaced patient's new waitlist entry and its position. */
  readonly displacedEntry?: WaitlistEntry;
  readonly displacedPosition?: number;
}

/**
 * Why the patient cannot be placed on the day at all: they already hold a token or wait there,
 * the doctor has no session, the preferred slot is unknown, or the day is over.
 */
export function placementRefusal(
  day: DoctorDay,
  placing: Pick<Placing, 'patientId' | 'preferredSlotId'>,
  now: Instant,
): DomainError | undefined {
  const held = day.tokens.find((t) => t.patientId === placing.patientId && isHeld(t));
  if (held)
    return { code: 'PATIENT_ALREADY_HOLDS_TOKEN', tokenId: held.id, tokenNumber: held.number };
  const waiting = day.waitlist.find(
    (e) => e.patientId === placing.patientId && e.status === 'WAITING',
  );
  if (waiting) {
    return {
      code: 'PATIENT_ALREADY_WAITING',
      waitlistEntryId: waiting.id,
      position: waitlistPosition(day, waiting.id) ?? 0,
    };
  }
  if (day.slots.length === 0) return { code: 'NO_SESSION_ON_DATE' };
  const preferred = placing.preferredSlotId;
  if (preferred && !day.slots.some((s) => s.id === preferred)) {
    return { code: 'SLOT_NOT_FOUND', slotId: preferred };
  }
  if (isDayOver(day, now)) return { code: 'DOCTOR_DAY_OVER' };
  return undefined;
}

/**
 * Puts the patient into the first live slot with room in search order; else into the place of the
 * least urgent preemptable token if it is strictly less urgent (that patient goes to the head of
 * their class on the waitlist). Undefined, with nothing emitted, when neither works: the caller
 * decides between the waitlist and a refusal. Call `placementRefusal` first.
 */
export function placePatient(
  change: DayChange,
  placing: Placing,
  start: TokenStart = {},
): Placement | undefined {
  const { now } = change.ctx;
  const day = change.day;
  // Displaced once on this doctor-day: whatever the patient holds here from now on stays.
  const displacedBefore = wasDisplaced(day, placing.patientId);
  const newToken = (slot: Slot): Token => ({
    id: change.ctx.newId(),
    number: change.day.nextTokenNumber,
    patientId: placing.patientId,
    slotId: slot.id,
    source: placing.source,
    priority: placing.priority,
    requestedAt: placing.requestedAt,
    allocatedAt: now,
    status: 'ALLOCATED',
    protected: displacedBefore,
    skips: 0,
    recalls: 0,
    ...start,
  });

  const room = findRoom(day, now, placing.preferredSlotId);
  if (room) {
    const token = newToken(room);
    change.emit({ type: 'TokenAllocated', token });
    return { token, slot: room };
  }

  const victim = choosePreemptionVictim(day, now);
  if (!victim || victim.priority >= placing.priority) return undefined;
  const slot = day.slots.find((s) => s.id === victim.slotId) as Slot;
  const token = newToken(slot);
  change.emit({
    type: 'TokenPreempted',
    tokenId: victim.id,
    byTokenId: token.id,
    reason: `displaced by a more urgent ${placing.source} request (token ${token.number})`,
  });
  change.emit({ type: 'TokenAllocated', token });
  const displacedEntry = addWaitlistEntry(change, {
    patientId: victim.patientId,
    source: victim.source,
    priority: victim.priority,
    requestedAt: victim.requestedAt,
    displacedTokenId: victim.id,
  });
  return {
    token,
    slot,
    preempted: change.day.tokens.find((t) => t.id === victim.id) as Token,
    displacedEntry,
    displacedPosition: waitlistPosition(change.day, displacedEntry.id) ?? 0,
  };
}
