import type { DayChange } from './day-change.js';
import { compareUrgency } from './priority.js';
import { findRoom, isDayOver } from './slots.js';
import type { DoctorDay, Token, WaitlistEntry } from './types.js';

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
  const index = waitingEntries(day).findIndex((e) => e.id === entryId);
  return index < 0 ? undefined : index + 1;
}

/**
 * Fills freed capacity: while someone waits and a live slot has room, the best entry gets a new
 * token in the earliest live slot with room. A patient who was displaced to get here is
 * protected from being displaced again.
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
      protected: best.displacedTokenId !== undefined,
      promotedFromEntryId: best.id,
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
