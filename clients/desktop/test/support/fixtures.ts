// Doctors, dates and patients for the tests, in the hospital's zone. The services run on the
// real clock, so "today" sessions are built around the current hour; the zone is one where it
// is about noon (see midday.ts), so no run starts too close to midnight for a same-day slot.
import { randomUUID } from 'node:crypto';
import type { DayScheduleView, SessionView, SourceName } from '../../src/shared/views.js';
import { WEEKDAYS } from '../../src/shared/views.js';
import { middayZone } from './midday.js';
import type { Handlers } from '../../src/main/handlers/deps.js';

export const TIME_ZONE = middayZone();

export function localDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

export const today = (): string => localDate(new Date());
export const daysFromToday = (days: number): string =>
  localDate(new Date(Date.now() + days * 86_400_000));

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * One slot that is running now: from the start of the current hour for up to two hours
 * (never past 23:59), so tokens issued today are live and check-in is open.
 */
export function sessionAroundNow(capacity: number): SessionView {
  const [hour = 0, minute = 0] = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(new Date())
    .split(':')
    .map(Number);
  if (hour === 23 && minute >= 50) {
    throw new Error(`too close to midnight in ${TIME_ZONE} for a same-day slot; run again later`);
  }
  const end = hour + 2 <= 23 ? `${pad(hour + 2)}:00` : '23:59';
  const length = end === '23:59' ? (23 - hour) * 60 + 59 : 120;
  return {
    startTime: `${pad(hour)}:00`,
    endTime: end,
    slotMinutes: length,
    capacityPerSlot: capacity,
  };
}

/** The same sessions every day of the week. */
export const everyDay = (...sessions: SessionView[]): DayScheduleView[] =>
  WEEKDAYS.map((weekday) => ({ weekday, sessions }));

let made = 0;
export async function createDoctor(
  handlers: Handlers,
  options: { name?: string; department?: string; room?: string; schedule: DayScheduleView[] },
) {
  made += 1;
  const suffix = randomUUID().slice(0, 6);
  return handlers.createDoctor({
    requestId: randomUUID(),
    displayName: options.name ?? `Dr. Test ${made} ${suffix}`,
    department: options.department ?? 'General Medicine',
    room: options.room ?? '',
    weeklySchedule: options.schedule,
  });
}

let phones = 0;
/** A valid, unique Indian mobile number for a made-up patient. */
export function phone(): string {
  phones += 1;
  const run = String(process.pid % 1000).padStart(3, '0');
  return `97${run}${String(Math.floor(Math.random() * 100)).padStart(2, '0')}${String(phones).padStart(3, '0')}`;
}

/** Books a patient as another counter would (through the desktop's own handlers). */
export function book(
  handlers: Handlers,
  request: {
    doctorId: string;
    date: string;
    name: string;
    phone?: string;
    source?: SourceName;
  },
) {
  return handlers.issueToken({
    requestId: randomUUID(),
    phone: request.phone ?? phone(),
    name: request.name,
    doctorId: request.doctorId,
    date: request.date,
    source: request.source ?? 'WALK_IN',
    preferredSlotId: null,
    patientId: null,
    registration: null,
    notes: '',
  });
}
