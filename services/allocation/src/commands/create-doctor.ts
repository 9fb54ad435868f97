import type { WeeklySchedule } from '@opd/engine';
import { Doctor } from '../db/entities/index.js';
import type { CommandCall, CommandEnv } from './command-env.js';
import { runMutation } from './mutation.js';
import type { Reply } from './reply.js';

export interface NewDoctor {
  readonly displayName: string;
  readonly department: string;
  readonly weeklySchedule: WeeklySchedule;
  readonly room: string;
}

/** Registers a doctor with their weekly template; doctor-days follow it from then on. */
export function createDoctor<Res>(
  env: CommandEnv,
  call: CommandCall,
  input: NewDoctor,
  request: { readonly fingerprint: Uint8Array; readonly reply: Reply<Doctor, Res> },
): Promise<Res> {
  const { fingerprint, reply } = request;
  return runMutation(env, call, { fingerprint, stored: reply }, async (em) => {
    const now = new Date(env.clock.now());
    const doctor = em.create(Doctor, {
      id: env.newId(),
      displayName: input.displayName,
      department: input.department,
      weeklySchedule: input.weeklySchedule,
      room: input.room,
      active: true,
      createdAt: now,
      updatedAt: now,
    });
    return { response: reply.answer(doctor), audit: { doctorId: doctor.id } };
  });
}
