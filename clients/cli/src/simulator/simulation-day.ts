import type { Doctor, Slot } from '@opd/api';
import type { AllocationClient } from '../clients.js';
import { addDays, localDate, localTime } from '../dates.js';
import { listAllDoctors } from '../doctor-ref.js';
import { CliError } from '../errors.js';

/** A doctor the simulation sends patients to, with the slots still live when it starts. */
export interface SimulatedDoctor {
  readonly doctor: Doctor;
  readonly liveSlots: readonly Slot[];
}

/** The day being played and who works on it. */
export interface SimulationDay {
  readonly date: string;
  /** True when the date is today: patients can check in, and no-shows can come due. */
  readonly isToday: boolean;
  readonly doctors: readonly SimulatedDoctor[];
  /** Minutes after local midnight the simulated clock starts at (for the printed times). */
  readonly startMinute: number;
}

async function doctorsWithLiveSlots(
  client: AllocationClient,
  doctors: readonly Doctor[],
  date: string,
  now: Date,
): Promise<SimulatedDoctor[]> {
  const boards = await Promise.all(
    doctors.map((d) => client.getDoctorDayBoard({ doctorId: d.doctorId, date })),
  );
  return doctors
    .map((doctor, i) => ({
      doctor,
      liveSlots: (boards[i]?.board?.slots ?? []).filter(
        (s) => s.capacity > 0 && (s.endTime?.getTime() ?? 0) > now.getTime(),
      ),
    }))
    .filter((d) => d.liveSlots.length > 0);
}

/**
 * Picks the day to play: the given date, or (for "auto") today if any doctor still has a
 * live slot, else tomorrow. The services keep real time, so a finished day cannot be played.
 */
export async function chooseSimulationDay(
  client: AllocationClient,
  options: { date: string | 'auto'; timeZone: string; doctorIds?: readonly string[] },
  now: Date = new Date(),
): Promise<SimulationDay> {
  const all = await listAllDoctors(client);
  const doctors = options.doctorIds
    ? all.filter((d) => options.doctorIds?.includes(d.doctorId))
    : all;
  if (doctors.length === 0) {
    throw new CliError(
      'There are no active doctors to send patients to: `npm start` loads a demo hospital into an empty database, or add doctors with `opd doctor create`.',
    );
  }
  const today = localDate(options.timeZone, now);
  const candidates = options.date === 'auto' ? [today, addDays(today, 1)] : [options.date];
  for (const date of candidates) {
    const working = await doctorsWithLiveSlots(client, doctors, date, now);
    if (working.length > 0) {
      const [h, m] = localTime(options.timeZone, now).split(':').map(Number);
      return {
        date,
        isToday: date === today,
        doctors: working,
        startMinute: date === today ? (h ?? 0) * 60 + (m ?? 0) : 8 * 60,
      };
    }
  }
  throw new CliError(
    `No doctor has a slot left on ${candidates.join(' or ')}: choose another --date.`,
  );
}

/** "HH:MM" of a simulated minute. */
export function simulatedClock(day: SimulationDay, minute: number): string {
  const total = Math.floor(day.startMinute + minute);
  const h = Math.floor(total / 60) % 24;
  return `${String(h).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}
