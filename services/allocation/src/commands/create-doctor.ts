import { CreateDoctorResponse } from '@opd/api';
import type { WeeklySchedule } from '@opd/engine';
import { Doctor } from '../db/entities/index.js';
import { doctorMessage } from '../grpc/messages.js';
import type { CommandCall, CommandEnv } from './command-env.js';
import { runMutation } from './mutation.js';

export interface NewDoctor {
  readonly displayName: string;
  readonly department: string;
  readonly weeklySchedule: WeeklySchedule;
}

/** Registers a doctor with their weekly template; doctor-days follow it from then on. */
export function createDoctor(
  env: CommandEnv,
  call: CommandCall,
  input: NewDoctor,
  fingerprint: Uint8Array,
): Promise<CreateDoctorResponse> {
  return runMutation(env, call, { fingerprint, codec: CreateDoctorResponse }, async (em) => {
    const now = new Date(env.clock.now());
    const doctor = em.create(Doctor, {
      id: env.newId(),
      displayName: input.displayName,
      department: input.department,
      weeklySchedule: input.weeklySchedule,
      active: true,
      createdAt: now,
      updatedAt: now,
    });
    return { response: { doctor: doctorMessage(doctor) }, audit: { doctorId: doctor.id } };
  });
}
