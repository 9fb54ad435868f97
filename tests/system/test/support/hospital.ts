// A small hospital for tests: doctors with a daily schedule, patients with real phone numbers,
// and the requests a counter makes.
import { randomUUID } from 'node:crypto';
import {
  Source,
  type RequestTokenRequest,
  type RequestTokenResponse,
  type Session,
  type Token,
  type WaitlistEntry,
  type WeeklySchedule,
  WEEKDAYS,
} from '@opd/api';
import { TODAY, type AllocationClient } from './stack.js';

/** A fresh idempotency key. */
export const rid = (): string => randomUUID();

export const session = (
  startTime: string,
  endTime: string,
  slotMinutes: number,
  capacityPerSlot: number,
): Session => ({ startTime, endTime, slotMinutes, capacityPerSlot });

/** The same sessions every day of the week. */
export const everyDay = (...sessions: Session[]): WeeklySchedule => ({
  days: WEEKDAYS.map((weekday) => ({ weekday, sessions })),
});

/** Adds a doctor seeing patients every day (09:00–10:00, two 30-minute slots of two by default). */
export async function addDoctor(
  admin: AllocationClient,
  sessions: Session[] = [session('09:00', '10:00', 30, 2)],
  displayName = 'Dr. Meera Rao',
): Promise<string> {
  const { doctor } = await admin.createDoctor({
    room: '',
    requestId: rid(),
    displayName,
    department: 'ENT',
    weeklySchedule: everyDay(...sessions),
  });
  if (!doctor) throw new Error('no doctor in the answer');
  return doctor.doctorId;
}

let patients = 0;

/** A new, valid Indian mobile number each call, written as a counter types it: "98450 1xxxx". */
export function newPhone(): string {
  patients += 1;
  return `98450 ${String(10_000 + patients).padStart(5, '0')}`;
}

/** A walk-in's request for `doctorId` today, valid unless `extra` spoils it. */
export function walkIn(
  doctorId: string,
  extra: Partial<RequestTokenRequest> = {},
): RequestTokenRequest {
  return {
    requestId: rid(),
    patientId: '',
    patientPhone: newPhone(),
    patientName: 'Asha Rao',
    doctorId,
    date: TODAY,
    source: Source.SOURCE_WALK_IN,
    preferredSlotId: '',
    notes: '',
    ...extra,
  };
}

export function allocated(answer: RequestTokenResponse): Token {
  if (answer.outcome?.$case !== 'allocated' || !answer.outcome.value.token) {
    throw new Error(`expected a token, got ${answer.outcome?.$case ?? 'nothing'}`);
  }
  return answer.outcome.value.token;
}

export function waitlisted(answer: RequestTokenResponse): WaitlistEntry {
  if (answer.outcome?.$case !== 'waitlisted' || !answer.outcome.value.waitlistEntry) {
    throw new Error(`expected a waitlist entry, got ${answer.outcome?.$case ?? 'nothing'}`);
  }
  return answer.outcome.value.waitlistEntry;
}

/** A local date `days` after `date` (negative for before), as YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  const instant = new Date(`${date}T00:00:00Z`);
  instant.setUTCDate(instant.getUTCDate() + days);
  return instant.toISOString().slice(0, 10);
}
