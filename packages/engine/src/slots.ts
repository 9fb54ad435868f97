import type { DoctorDay, Instant, Slot, Token, TokenStatus } from './types.js';

/** Statuses that hold a place in a slot: booked, arrived, in the room, or seen. */
export const HELD_STATUSES: ReadonlySet<TokenStatus> = new Set([
  'ALLOCATED',
  'CHECKED_IN',
  'CALLED',
  'COMPLETED',
]);

export const isHeld = (token: Token): boolean => HELD_STATUSES.has(token.status);

/** Tokens that hold a place in the slot. */
export function occupancy(day: DoctorDay, slotId: string): number {
  let count = 0;
  for (const token of day.tokens) if (token.slotId === slotId && isHeld(token)) count++;
  return count;
}

/** Held places of every slot, in one pass over the day's tokens. */
export function occupancies(day: DoctorDay): ReadonlyMap<string, number> {
  const counts = new Map<string, number>();
  for (const token of day.tokens) {
    if (isHeld(token)) counts.set(token.slotId, (counts.get(token.slotId) ?? 0) + 1);
  }
  return counts;
}

export type SlotStatus = 'OPEN' | 'FULL';

/** Derived, never stored: OPEN while occupancy < capacity. */
export function slotStatus(day: DoctorDay, slot: Slot): SlotStatus {
  return occupancy(day, slot.id) < slot.capacity ? 'OPEN' : 'FULL';
}

/** A slot is live until it ends: patients may still be placed in a slot that has started. */
export const isLive = (slot: Slot, now: Instant): boolean => slot.endsAt > now;

export const hasStarted = (slot: Slot, now: Instant): boolean => slot.startsAt <= now;

export function liveSlots(day: DoctorDay, now: Instant): Slot[] {
  return day.slots.filter((slot) => isLive(slot, now)).sort(byStart);
}

type Timed = Pick<Slot, 'startsAt' | 'endsAt'>;
export const byStart = (a: Timed, b: Timed): number =>
  a.startsAt - b.startsAt || a.endsAt - b.endsAt;

/** True once the day's last slot has ended (or it never had one). */
export function isDayOver(day: DoctorDay, now: Instant): boolean {
  return day.slots.every((slot) => !isLive(slot, now));
}

/** The sum of the capacities of all the day's slots, ended or not. */
export function dayCapacity(day: DoctorDay): number {
  return day.slots.reduce((sum, slot) => sum + slot.capacity, 0);
}

/**
 * The order in which live slots are tried for a request.
 * Without a preference: time order. With one: the preferred slot, then the later ones in time
 * order, then the earlier ones nearest first (a patient who asked for 11:00 would rather have
 * 10:30 than 09:00). See docs/adr/0003-slot-search-order.md.
 *
 * @example slots 09:00, 09:30, 10:00, 10:30 with preference 10:00 → 10:00, 10:30, 09:30, 09:00
 */
export function searchOrder(
  day: DoctorDay,
  now: Instant,
  preferredSlotId: string | undefined,
): Slot[] {
  const live = liveSlots(day, now);
  const preferred = preferredSlotId ? day.slots.find((s) => s.id === preferredSlotId) : undefined;
  if (!preferred) return live;
  const later = live.filter((s) => byStart(s, preferred) >= 0);
  const earlier = live.filter((s) => byStart(s, preferred) < 0).reverse();
  return [...later, ...earlier];
}

/** First slot with room in search order, if any. Linear in the day's tokens and slots. */
export function findRoom(
  day: DoctorDay,
  now: Instant,
  preferredSlotId: string | undefined,
): Slot | undefined {
  const held = occupancies(day);
  return searchOrder(day, now, preferredSlotId).find(
    (slot) => (held.get(slot.id) ?? 0) < slot.capacity,
  );
}
