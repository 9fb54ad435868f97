import { LockMode } from '@mikro-orm/postgresql';
import { DeleteScheduleOverrideResponse, SetScheduleOverrideResponse } from '@opd/api';
import type { ScheduleOverride as EngineOverride, Session } from '@opd/engine';
import { ApiError } from '@opd/service-runtime';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Doctor, ScheduleOverride } from '../db/entities/index.js';
import { overrideMessage } from '../grpc/messages.js';
import type { CommandCall, CommandEnv } from './command-env.js';
import { runMutation } from './mutation.js';
import { doctorDaysFromToday, replanDoctorDay } from './replan-doctor-day.js';

export interface OverrideInput {
  readonly doctorId: string;
  readonly date: string;
  /** undefined = leave (no sessions that day). */
  readonly sessions: readonly Session[] | undefined;
  readonly reason: string;
}

/** Leave or different sessions on one date; an existing doctor-day is re-planned at once. */
export function setScheduleOverride(
  env: CommandEnv,
  call: CommandCall,
  input: OverrideInput,
  fingerprint: Uint8Array,
): Promise<SetScheduleOverrideResponse> {
  const scope = { doctorId: input.doctorId, date: input.date };
  return runMutation(
    env,
    call,
    { fingerprint, codec: SetScheduleOverrideResponse, auditOnRefusal: scope },
    async (em) => {
      const doctor = await lockDoctor(em, input.doctorId);
      const now = new Date(env.clock.now());
      let row = await em.findOne(ScheduleOverride, { doctorId: input.doctorId, date: input.date });
      const fields = {
        kind: input.sessions ? ('SESSIONS' as const) : ('LEAVE' as const),
        sessions: [...(input.sessions ?? [])],
        reason: input.reason,
        updatedAt: now,
      };
      if (row) Object.assign(row, fields);
      else
        row = em.create(ScheduleOverride, {
          ...fields,
          doctorId: input.doctorId,
          date: input.date,
          createdAt: now,
        });
      const override: EngineOverride = input.sessions
        ? { date: input.date, kind: 'SESSIONS', sessions: input.sessions }
        : { date: input.date, kind: 'LEAVE' };
      const promotions = [];
      for (const day of await doctorDaysFromToday(em, env, input.doctorId, input.date)) {
        promotions.push(
          ...(await replanDoctorDay(em, env, call, day.id, {
            weeklySchedule: doctor.weeklySchedule,
            override,
          })),
        );
      }
      return { response: { scheduleOverride: overrideMessage(row), promotions }, audit: scope };
    },
  );
}

/** Back to the weekly template on that date. */
export function deleteScheduleOverride(
  env: CommandEnv,
  call: CommandCall,
  input: { readonly doctorId: string; readonly date: string },
  fingerprint: Uint8Array,
): Promise<DeleteScheduleOverrideResponse> {
  const scope = { doctorId: input.doctorId, date: input.date };
  return runMutation(
    env,
    call,
    { fingerprint, codec: DeleteScheduleOverrideResponse, auditOnRefusal: scope },
    async (em) => {
      const doctor = await lockDoctor(em, input.doctorId);
      const row = await em.findOne(ScheduleOverride, {
        doctorId: input.doctorId,
        date: input.date,
      });
      if (!row) {
        throw new ApiError('NOT_FOUND', `the doctor has no schedule override on ${input.date}`, {
          reason: 'SCHEDULE_OVERRIDE_NOT_FOUND',
          metadata: { doctor_id: input.doctorId, date: input.date },
        });
      }
      em.remove(row);
      const promotions = [];
      for (const day of await doctorDaysFromToday(em, env, input.doctorId, input.date)) {
        promotions.push(
          ...(await replanDoctorDay(em, env, call, day.id, {
            weeklySchedule: doctor.weeklySchedule,
            override: undefined,
          })),
        );
      }
      return { response: { promotions }, audit: scope };
    },
  );
}

/** Orders schedule changes against doctor-days being opened from the template (which share-lock it). */
async function lockDoctor(em: EntityManager, doctorId: string): Promise<Doctor> {
  const doctor = await em.findOne(Doctor, doctorId, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!doctor) {
    throw new ApiError('NOT_FOUND', `no doctor has id ${doctorId}`, {
      reason: 'DOCTOR_NOT_FOUND',
      metadata: { doctor_id: doctorId },
    });
  }
  return doctor;
}
