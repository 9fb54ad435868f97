import type { AllocationClient } from '../clients.js';
import { boardViolations } from './invariants.js';
import type { SimulationDay } from './simulation-day.js';

/** Reads every board the simulation touched and lists what breaks an invariant (none: []). */
export async function checkBoards(client: AllocationClient, day: SimulationDay): Promise<string[]> {
  const now = new Date();
  const boards = await Promise.all(
    day.doctors.map((d) =>
      client.getDoctorDayBoard({ doctorId: d.doctor.doctorId, date: day.date }),
    ),
  );
  return boards.flatMap((answer, i) =>
    answer.board
      ? boardViolations(answer.board, now, day.doctors[i]?.doctor.displayName ?? '?')
      : [],
  );
}
