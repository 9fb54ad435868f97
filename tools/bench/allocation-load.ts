// Drives the allocation service through gRPC: RequestToken from `concurrency` clients at once,
// each waiting for its answer before asking again, for `seconds`. Every request is a new patient.
import { randomUUID } from 'node:crypto';
import {
  AllocationServiceService,
  promiseClient,
  Source,
  type PromiseClient,
  WEEKDAYS,
} from '@opd/api';
import { summarise, type LatencySummary } from './stats.js';

type Client = PromiseClient<typeof AllocationServiceService>;

export interface DoctorDayKey {
  readonly doctorId: string;
  readonly date: string;
}

export function clients(address: string, keys: { admin: string; counter: string }) {
  return {
    admin: promiseClient(AllocationServiceService, address, {
      apiKey: keys.admin,
      defaultTimeoutMs: 60_000,
    }),
    counter: promiseClient(AllocationServiceService, address, {
      apiKey: keys.counter,
      defaultTimeoutMs: 60_000,
    }),
  };
}

/** `doctors` doctors seeing patients every day 08:00–20:00 in 10-minute slots of `capacity`. */
export async function createDoctors(
  admin: Client,
  doctors: number,
  capacity: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < doctors; i++) {
    const { doctor } = await admin.createDoctor({
      room: '',
      requestId: randomUUID(),
      displayName: `Dr. Bench ${i}`,
      department: 'Benchmark',
      weeklySchedule: {
        days: WEEKDAYS.map((weekday) => ({
          weekday,
          sessions: [
            { startTime: '08:00', endTime: '20:00', slotMinutes: 10, capacityPerSlot: capacity },
          ],
        })),
      },
    });
    if (doctor) ids.push(doctor.doctorId);
  }
  return ids;
}

/**
 * Opens the doctor-days first (the first request of a day opens it), so the measurement is of
 * allocation, not of materialisation.
 */
export async function openDays(counter: Client, days: readonly DoctorDayKey[]): Promise<void> {
  for (let i = 0; i < days.length; i += 16) {
    await Promise.all(days.slice(i, i + 16).map((d) => counter.requestToken(tokenRequest(d))));
  }
}

/** A request for a new patient on `day`. */
export function tokenRequest(day: DoctorDayKey, source = Source.SOURCE_WALK_IN) {
  return {
    requestId: randomUUID(),
    patientId: '',
    patientPhone: nextPhone(),
    patientName: 'Bench Patient',
    doctorId: day.doctorId,
    date: day.date,
    source,
    preferredSlotId: '',
    notes: '',
  };
}

let phoneCounter = 0;
/** A new patient's phone: 10 million per bench process before they repeat. */
export const nextPhone = () =>
  `+919${String(process.pid % 100).padStart(2, '0')}${String(++phoneCounter).padStart(7, '0')}`;

export interface LoadResult extends LatencySummary {
  readonly errors: number;
}

/** Closed-loop load: each of `concurrency` workers sends one request at a time. */
export async function runLoad(
  counter: Client,
  days: readonly DoctorDayKey[],
  concurrency: number,
  seconds: number,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  const worker = async (w: number) => {
    for (let i = w; performance.now() < deadline; i += concurrency) {
      const day = days[i % days.length] as DoctorDayKey;
      const t0 = performance.now();
      try {
        await counter.requestToken(tokenRequest(day));
        latencies.push(performance.now() - t0);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  return { ...summarise(latencies, (performance.now() - started) / 1000), errors };
}
