import { type DoctorDayBoard, SlotStatus, TokenStatus, WaitlistEntryStatus } from '@opd/api';

// A CALLED token is in the room: it holds its place like CHECKED_IN (DESIGN.md section 3b).
const HELD = new Set([
  TokenStatus.TOKEN_STATUS_ALLOCATED,
  TokenStatus.TOKEN_STATUS_CHECKED_IN,
  TokenStatus.TOKEN_STATUS_CALLED,
  TokenStatus.TOKEN_STATUS_COMPLETED,
]);

/** Slots ending this close to "now" are left out of the room check (clock skew). */
const SKEW_MS = 5_000;

/**
 * The hard invariants of DESIGN.md section 3 that a board can show, checked from outside the
 * service; returns one sentence per violation (none when the day is consistent).
 */
export function boardViolations(board: DoctorDayBoard, now: Date, label: string): string[] {
  const violations: string[] = [];
  const held = board.tokens.filter((t) => HELD.has(t.status));
  for (const slot of board.slots) {
    const inSlot = held.filter((t) => t.slotId === slot.slotId).length;
    const name = `${label} slot ${slot.localStartTime}`;
    if (slot.occupancy > slot.capacity) {
      violations.push(`${name} holds ${slot.occupancy} tokens for ${slot.capacity} places`);
    }
    if (inSlot !== slot.occupancy) {
      violations.push(
        `${name} says ${slot.occupancy} places are taken but ${inSlot} tokens hold one`,
      );
    }
    const full = slot.occupancy >= slot.capacity;
    if (full !== (slot.status === SlotStatus.SLOT_STATUS_FULL)) {
      violations.push(
        `${name} is marked ${full ? 'OPEN' : 'FULL'} at ${slot.occupancy}/${slot.capacity}`,
      );
    }
  }
  // Only WAITING entries hold a place in the queue; closed ones are history.
  const waiting = board.waitlistEntries.filter(
    (e) => e.status === WaitlistEntryStatus.WAITLIST_ENTRY_STATUS_WAITING,
  );
  const called = board.tokens.filter((t) => t.status === TokenStatus.TOKEN_STATUS_CALLED);
  if (called.length > 1) {
    violations.push(
      `${label} has ${called.length} patients called into the room at once (tokens ${called.map((t) => t.tokenNumber).join(', ')})`,
    );
  }
  const numbers = board.tokens.map((t) => t.tokenNumber);
  if (new Set(numbers).size !== numbers.length) violations.push(`${label} reuses a token number`);
  const holders = [...held.map((t) => t.patientId), ...waiting.map((e) => e.patientId)];
  if (new Set(holders).size !== holders.length) {
    violations.push(`${label} has a patient holding two tokens or places`);
  }
  const roomy = board.slots.filter(
    (s) => s.occupancy < s.capacity && (s.endTime?.getTime() ?? 0) > now.getTime() + SKEW_MS,
  );
  if (waiting.length > 0 && roomy.length > 0) {
    violations.push(
      `${label} has ${waiting.length} waiting while the ${roomy[0]?.localStartTime} slot has room`,
    );
  }
  return violations;
}
