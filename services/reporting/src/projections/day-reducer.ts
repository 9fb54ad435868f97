import type { DoctorDayOpened, EventEnvelope, SlotDefinition } from '@opd/api';
import { ProjectionError } from './projection-error.js';
import type { DoctorDayRow } from './rows.js';

/** The day's counters of events: its waitlist's and its room's. */
export type DayCounter =
  | 'waitlistAddedCount'
  | 'waitlistPromotedCount'
  | 'waitlistCancelledCount'
  | 'waitlistExpiredCount'
  | 'callCount'
  | 'recallCount'
  | 'skipCount'
  | 'transferredOutCount'
  | 'transferredInCount'
  | 'undoCount';

/** The row of a doctor-day that has just opened, with its slots' places. */
export function openedDay(event: EventEnvelope, opened: DoctorDayOpened): DoctorDayRow {
  return {
    doctorDayId: event.doctorDayId,
    doctorId: event.doctorId,
    date: event.date,
    doctorDisplayName: opened.doctorDisplayName,
    department: opened.department,
    timeZone: opened.timeZone,
    ...places(opened.slots),
    waitlistAddedCount: 0,
    waitlistPromotedCount: 0,
    waitlistCancelledCount: 0,
    waitlistExpiredCount: 0,
    callCount: 0,
    recallCount: 0,
    skipCount: 0,
    transferredOutCount: 0,
    transferredInCount: 0,
    undoCount: 0,
    openedAt: required(event.occurredAt, 'occurred_at'),
  };
}

/** The day after a schedule change: the new slot list replaces the old one as a whole. */
export function withSlots(day: DoctorDayRow, slots: readonly SlotDefinition[]): DoctorDayRow {
  return { ...day, ...places(slots) };
}

/** The day with one more of what `counter` counts (a waitlist entry added, a call…). */
export function counted(day: DoctorDayRow, counter: DayCounter): DoctorDayRow {
  return { ...day, [counter]: day[counter] + 1 };
}

function places(slots: readonly SlotDefinition[]): { slotCount: number; capacity: number } {
  for (const [i, slot] of slots.entries()) {
    if (!Number.isInteger(slot.capacity) || slot.capacity < 0) {
      throw new ProjectionError(`slots[${i}].capacity must be a whole number ≥ 0`);
    }
  }
  return { slotCount: slots.length, capacity: slots.reduce((sum, s) => sum + s.capacity, 0) };
}

/** A timestamp the event must carry. */
export function required(value: Date | undefined, field: string): Date {
  if (value === undefined || Number.isNaN(value.getTime())) {
    throw new ProjectionError(`${field} is missing`);
  }
  return value;
}
