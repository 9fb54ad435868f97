// What is left with a doctor on a date, counting only live slots (those that have not ended):
// a place in a slot that is over can be given to nobody, so counting it misleads the counter.
// Works on local dates and "HH:MM" times in the hospital's zone, for an opened doctor-day's
// slots as for the slots a weekly schedule will give a day not opened yet.
import { Weekday } from '@opd/api';
import type { DayScheduleView } from '../../shared/views.js';
import { toWeekday } from './enums.js';

export interface PlacesSlot {
  /** Local "HH:MM". */
  readonly localStart: string;
  readonly localEnd: string;
  readonly capacity: number;
  readonly occupancy: number;
}

/** The hospital's local date and time now. */
export interface LocalNow {
  readonly date: string;
  readonly time: string;
}

export interface LivePlaces {
  readonly hasSession: boolean;
  readonly capacity: number;
  readonly occupancy: number;
  readonly nextFreeTime: string | null;
  readonly freeNow: boolean;
}

export function localNow(instant: Date, timeZone: string): LocalNow {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    time: `${part('hour')}:${part('minute')}`,
  };
}

/**
 * Live places of a day's slots at `now`.
 *
 * @example slots 08:00–11:00 (ended, 6 empty places) and 11:00–13:00 (2 places, 1 taken) at
 *   12:10 → capacity 2, occupancy 1, freeNow true, nextFreeTime '11:00'
 */
export function livePlaces(date: string, slots: readonly PlacesSlot[], now: LocalNow): LivePlaces {
  const live = slots.filter(
    (s) => s.capacity > 0 && (date > now.date || (date === now.date && s.localEnd > now.time)),
  );
  const free = live.find((s) => s.occupancy < s.capacity) ?? null;
  return {
    hasSession: slots.some((s) => s.capacity > 0),
    capacity: live.reduce((sum, s) => sum + s.capacity, 0),
    occupancy: live.reduce((sum, s) => sum + Math.min(s.occupancy, s.capacity), 0),
    nextFreeTime: free?.localStart ?? null,
    freeNow: free !== null && date === now.date && free.localStart <= now.time,
  };
}

const minutes = (hhmm: string): number => {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
};
const hhmm = (total: number): string =>
  `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;

/** The empty slots a weekly schedule gives a date (used before its doctor-day opens). */
export function plannedSlots(schedule: readonly DayScheduleView[], date: string): PlacesSlot[] {
  // getUTCDay: 0 = Sunday; the proto's Weekday: 1 = Monday … 7 = Sunday.
  const jsDay = new Date(`${date}T00:00:00Z`).getUTCDay();
  const weekday: Weekday = jsDay === 0 ? Weekday.WEEKDAY_SUNDAY : (jsDay as Weekday);
  const day = schedule.find((d) => toWeekday(d.weekday) === weekday);
  return (day?.sessions ?? []).flatMap((s) => {
    const count = Math.floor((minutes(s.endTime) - minutes(s.startTime)) / s.slotMinutes);
    return Array.from({ length: Math.max(0, count) }, (_, i) => {
      const start = minutes(s.startTime) + i * s.slotMinutes;
      return {
        localStart: hhmm(start),
        localEnd: hhmm(start + s.slotMinutes),
        capacity: s.capacityPerSlot,
        occupancy: 0,
      };
    });
  });
}
