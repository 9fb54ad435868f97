// The hospital the run plays: doctors who work every day, their doctor-days for today and the
// next days (opened up front, so their slot ids are known for preferred slots), and a pool of
// patients' phone numbers.
import { randomUUID } from 'node:crypto';
import { WEEKDAYS, type Slot } from '@opd/api';
import type { AllocationClient } from './clients.js';
import { addDays } from './hospital-time.js';
import type { RunProfile } from './profile.js';
import { sleep } from './time.js';

export interface PlayDay {
  readonly index: number;
  readonly doctorId: string;
  readonly date: string;
  readonly doctorDayId: string;
  /** Today: check-ins, completions and no-shows can succeed here. */
  readonly today: boolean;
  readonly slots: readonly Slot[];
}

export interface Hospital {
  readonly zone: string;
  readonly today: string;
  readonly doctorIds: readonly string[];
  readonly days: readonly PlayDay[];
  /** E.164 numbers; requests write them in several common ways. */
  readonly phones: readonly string[];
}

/** Retries a set-up call until it answers (the services may still be warming up). */
async function settled<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= 10) throw error;
      await sleep(200 * attempt);
    }
  }
}

export async function setUpHospital(
  admin: AllocationClient,
  counter: AllocationClient,
  profile: RunProfile,
  zone: string,
  today: string,
): Promise<Hospital> {
  const doctorIds: string[] = [];
  for (let d = 0; d < profile.doctors; d++) {
    const request = {
      requestId: randomUUID(),
      displayName: `Dr. Torture ${d + 1}`,
      department: `Department ${(d % 3) + 1}`,
      room: `Room ${d + 1}`,
      weeklySchedule: {
        days: WEEKDAYS.map((weekday) => ({
          weekday,
          sessions: [
            {
              startTime: profile.session.start,
              endTime: profile.session.end,
              slotMinutes: profile.slotMinutes,
              capacityPerSlot: profile.capacityPerSlot,
            },
          ],
        })),
      },
    };
    const { doctor } = await settled(() => admin.createDoctor(request, { timeoutMs: 10_000 }));
    if (!doctor) throw new Error('CreateDoctor answered without a doctor');
    doctorIds.push(doctor.doctorId);
  }
  const days: PlayDay[] = [];
  for (const doctorId of doctorIds) {
    for (let offset = 0; offset <= profile.futureDays; offset++) {
      const date = addDays(today, offset);
      const { board } = await settled(() =>
        counter.getDoctorDayBoard({ doctorId, date }, { timeoutMs: 10_000 }),
      );
      if (!board || board.slots.length === 0) throw new Error(`no slots on ${date}`);
      days.push({
        index: days.length,
        doctorId,
        date,
        doctorDayId: board.doctorDayId,
        today: offset === 0,
        slots: board.slots,
      });
    }
  }
  const phones = Array.from(
    { length: profile.patients },
    (_, i) => `+9198${String(10_000_000 + i * 7_919).padStart(8, '0')}`,
  );
  return { zone, today, doctorIds, days, phones };
}
