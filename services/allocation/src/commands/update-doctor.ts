import { LockMode } from '@mikro-orm/postgresql';
import type { WeeklySchedule } from '@opd/engine';
import { Doctor, ScheduleOverride } from '../db/entities/index.js';
import type { CommandCall, CommandEnv } from './command-env.js';
import { runMutation } from './mutation.js';
import { Refusal } from './refusal.js';
import { doctorDaysFromToday, replanDoctorDay, type Promotion } from './replan-doctor-day.js';
import type { Reply } from './reply.js';
import type { Moment } from './day-view.js';

/** The doctor after the change, and the tokens a new template's added room gave out. */
export interface DoctorUpdate {
  readonly doctor: Doctor;
  readonly promotions: readonly Promotion[];
  readonly moment: Moment;
}

/** The fields of a doctor that an update mask named; absent ones stay as they are. */
export interface DoctorChanges {
  readonly displayName?: string;
  readonly department?: string;
  readonly weeklySchedule?: WeeklySchedule;
  readonly active?: boolean;
  readonly room?: string;
}

/**
 * Changes a doctor. A new weekly template re-plans every existing doctor-day from today on that
 * has no date override, in the same transaction: all or nothing.
 */
export function updateDoctor<Res>(
  env: CommandEnv,
  call: CommandCall,
  doctorId: string,
  changes: DoctorChanges,
  request: { readonly fingerprint: Uint8Array; readonly reply: Reply<DoctorUpdate, Res> },
): Promise<Res> {
  const { fingerprint, reply } = request;
  return runMutation(
    env,
    call,
    { fingerprint, stored: reply, auditOnRefusal: { doctorId } },
    async (em) => {
      // The doctor's row lock orders this change against doctor-days being opened from the template.
      const doctor = await em.findOne(Doctor, doctorId, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!doctor) throw new Refusal({ code: 'DOCTOR_NOT_FOUND', doctorId });
      if (changes.displayName !== undefined) doctor.displayName = changes.displayName;
      if (changes.department !== undefined) doctor.department = changes.department;
      if (changes.active !== undefined) doctor.active = changes.active;
      if (changes.room !== undefined) doctor.room = changes.room;
      doctor.updatedAt = new Date(env.clock.now());

      const promotions: Promotion[] = [];
      if (changes.weeklySchedule) {
        doctor.weeklySchedule = changes.weeklySchedule;
        const overridden = new Set(
          (await em.find(ScheduleOverride, { doctorId })).map((o) => o.date),
        );
        for (const row of await doctorDaysFromToday(em, env, doctorId)) {
          if (overridden.has(row.date)) continue;
          const plan = { weeklySchedule: changes.weeklySchedule, override: undefined };
          promotions.push(...(await replanDoctorDay(em, env, call, row.id, plan)));
        }
      }
      const moment = { now: env.clock.now(), policy: env.hospital.policy };
      return { response: reply.answer({ doctor, promotions, moment }), audit: { doctorId } };
    },
  );
}
