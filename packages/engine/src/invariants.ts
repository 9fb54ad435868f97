import { preemptionCandidates } from './preempt.js';
import { isHeld, liveSlots, occupancy } from './slots.js';
import type { DoctorDay, Instant } from './types.js';
import { waitingEntries } from './waitlist.js';

/**
 * The hard rules of a doctor-day (DESIGN.md §3 and §3b), checked on a state. Returns what is
 * broken, in words; an empty list means the day is sound. Services may call it before committing.
 */
export function invariantViolations(day: DoctorDay, now: Instant): string[] {
  const broken: string[] = [];
  const slotIds = new Set(day.slots.map((s) => s.id));

  for (const slot of day.slots) {
    const held = occupancy(day, slot.id);
    if (held > slot.capacity) {
      broken.push(`slot ${slot.localStart} holds ${held} tokens for capacity ${slot.capacity}`);
    }
  }

  const active = new Map<string, number>();
  for (const t of day.tokens) {
    if (!slotIds.has(t.slotId)) broken.push(`token ${t.number} is in an unknown slot`);
    if (isHeld(t)) active.set(t.patientId, (active.get(t.patientId) ?? 0) + 1);
  }
  for (const e of day.waitlist) {
    if (e.status === 'WAITING') active.set(e.patientId, (active.get(e.patientId) ?? 0) + 1);
  }
  for (const [patientId, count] of active) {
    if (count > 1) broken.push(`patient ${patientId} holds ${count} active tokens or entries`);
  }

  const numbers = day.tokens.map((t) => t.number);
  if (new Set(numbers).size !== numbers.length) broken.push('token numbers repeat');
  if (numbers.some((n) => n >= day.nextTokenNumber || n < 1)) {
    broken.push('a token number is outside 1..next-1');
  }
  if (numbers.some((n, i) => i > 0 && n <= (numbers[i - 1] ?? 0))) {
    broken.push('token numbers were not issued in order');
  }

  const waiting = waitingEntries(day);
  const room = liveSlots(day, now).some((s) => occupancy(day, s.id) < s.capacity);
  if (waiting.length > 0 && room) broken.push('a patient waits while a live slot has room');

  const displaced = new Set(
    day.tokens.filter((t) => t.status === 'PREEMPTED').map((t) => t.patientId),
  );
  for (const t of day.tokens) {
    if (isHeld(t) && displaced.has(t.patientId) && !t.protected) {
      broken.push(`token ${t.number} belongs to a patient displaced earlier but is not protected`);
    }
  }

  const called = day.tokens.filter((t) => t.status === 'CALLED');
  if (called.length > 1) {
    broken.push(`tokens ${called.map((t) => t.number).join(', ')} are all CALLED at once`);
  }
  for (const t of day.tokens) {
    if (t.lastTransition && t.lastTransition.to !== t.status) {
      broken.push(
        `token ${t.number} is ${t.status} but its last move led to ${t.lastTransition.to}`,
      );
    }
    if ((t.status === 'CHECKED_IN' || t.status === 'CALLED') && t.checkedInAt === undefined) {
      broken.push(`token ${t.number} is ${t.status} without a check-in time`);
    }
    if (t.status === 'CALLED' && t.calledAt === undefined) {
      broken.push(`token ${t.number} is CALLED without a call time`);
    }
  }

  const [best] = waiting;
  if (best) {
    const outranked = preemptionCandidates(day, now).find((t) => t.priority < best.priority);
    if (outranked) {
      broken.push(
        `waiting priority ${best.priority} outranks preemptable token ${outranked.number}`,
      );
    }
  }
  return broken;
}
