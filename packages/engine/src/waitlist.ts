import type { DayChange } from './day-change.js';
import { compareUrgency } from './priority.js';
import { dayCapacity, findRoom, isDayOver } from './slots.js';
import type { DoctorDay, Policy, Token, WaitlistEntry } from './types.js';

/** Promotion order: higher priority, then earlier request time, then earlier entry. */
export function compareWaitlistEntries(a: WaitlistEntry, b: WaitlistEntry): number {
  return compareUrgency(a, b) || a.entryNumber - b.entryNumber;
}

/** WAITING entries in the order they will be promoted. */
export function waitingEntries(day: DoctorDay): WaitlistEntry[] {
  return day.waitlist.filter((e) => e.status === 'WAITING').sort(compareWaitlistEntries);
}

/** 1-based place in promotion order, or undefined if the entry is not waiting. */
export function waitlistPosition(day: DoctorDay, entryId: string): number | undefined {
  return waitlistPositions(day).get(entryId);
}

/** Every WAITING entry's 1-based place, from one sort: a board needs them all at once. */
export function waitlistPositions(day: DoctorDay): ReadonlyMap<string, number> {
  return new Map(waitingEntries(day).map((entry, index) => [entry.id, index + 1]));
}

/**
 * How many may wait on the day (DESIGN.md §3 step 6): a share of the sum of its slots'
 * capacities, rounded up, at least the policy's minimum. It follows schedule changes.
 *
 * @example 10 slots of 20 with share 0.25 → 50; 2 slots of 1 → the minimum, 5
 */
export function waitlistBound(day: DoctorDay, policy: Policy): number {
  const { share, minimum } = policy.waitlistBound;
  return Math.max(minimum, Math.ceil(share * dayCapacity(day)));
}

/** True once the patient has been displaced on this doctor-day: they are never displaced again. */
export function wasDisplaced(day: DoctorDay, patientId: string): boolean {
  return day.tokens.some((t) => t.patientId === patientId && t.status === 'PREEMPTED');
}

/**
 * Fills freed capacity: while someone waits and a live slot has room, the best entry gets a new
 * token in the earliest live slot with room. A patient displaced earlier that day is protected
 * from being displaced again.
 */
export function promoteWaitlist(change: DayChange): Token[] {
  const promoted: Token[] = [];
  for (;;) {
    const [best] = waitingEntries(change.day);
    const slot = best && findRoom(change.day, change.ctx.now, undefined);
    if (!best || !slot) return promoted;
    const token: Token = {
      id: change.ctx.newId(),
      number: change.day.nextTokenNumber,
      patientId: best.patientId,
      slotId: slot.id,
      source: best.source,
      priority: best.priority,
      requestedAt: best.requestedAt,
      allocatedAt: change.ctx.now,
      status: 'ALLOCATED',
      protected: best.displacedTokenId !== undefined || wasDisplaced(change.day, best.patientId),
      promotedFromEntryId: best.id,
      skips: 0,
      recalls: 0,
    };
    change.emit({ type: 'WaitlistEntryPromoted', entryId: best.id, token });
    promoted.push(token);
  }
}

/** Once the day's last slot has ended nobody can be seen: WAITING entries become EXPIRED. */
export function expireStaleEntries(change: DayChange): WaitlistEntry[] {
  if (!isDayOver(change.day, change.ctx.now)) return [];
  const stale = waitingEntries(change.day);
  for (const entry of stale) change.emit({ type: 'WaitlistEntryExpired', entryId: entry.id });
  return stale;
}

/** Puts a patient on the waitlist: the next entry number, WAITING from now. */
export function addWaitlistEntry(
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
