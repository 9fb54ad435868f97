import { LockMode } from '@mikro-orm/postgresql';
import type { ScheduleOverride as EngineOverride, Session } from '@opd/engine';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Doctor, ScheduleOverride } from '../db/entities/index.js';
import type { CommandCall, CommandEnv } from './command-env.js';
import { runMutation } from './mutation.js';
import { Refusal } from './refusal.js';
import { doctorDaysFromToday, replanDoctorDay, type Promotion } from './replan-doctor-day.js';
import type { Reply } from './reply.js';
import type { Moment } from './day-view.js';

/** What a schedule override changed: the override (absent once deleted) and any promotions. */
export interface OverrideChange {
  readonly override: ScheduleOverride | undefined;
  readonly promotions: readonly Promotion[];
  readonly moment: Moment;
}

export interface OverrideInput {
  readonly doctorId: string;
  readonly date: string;
  /** undefined = leave (no sessions that day). */
  readonly sessions: readonly Session[] | undefined;
  readonly reason: string;
}

/** Leave or different sessions on one date; an existing doctor-day is re-planned at once. */
export function setScheduleOverride<Res>(
  env: CommandEnv,
  call: CommandCall,
  input: OverrideInput,
  request: { readonly fingerprint: Uint8Array; readonly reply: Reply<OverrideChange, Res> },
): Promise<Res> {
  const scope = { doctorId: input.doctorId, date: input.date };
  const { fingerprint, reply } = request;
  return runMutation(
    env,
    call,
    { fingerprint, stored: reply, auditOnRefusal: scope },
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
      const promotions: Promotion[] = [];
      for (const day of await doctorDaysFromToday(em, env, input.doctorId, input.date)) {
        promotions.push(
          ...(await replanDoctorDay(em, env, call, day.id, {
            weeklySchedule: doctor.weeklySchedule,
            override,
          })),
        );
      }
      const moment = { now: env.clock.now(), policy: env.hospital.policy };
      return { response: reply.answer({ override: row, promotions, moment }), audit: scope };
    },
  );
}

/** Back to the weekly template on that date. */
export function deleteScheduleOverride<Res>(
  env: CommandEnv,
  call: CommandCall,
  input: { readonly doctorId: string; readonly date: string },
  request: { readonly fingerprint: Uint8Array; readonly reply: Reply<OverrideChange, Res> },
): Promise<Res> {
  const scope = { doctorId: input.doctorId, date: input.date };
  const { fingerprint, reply } = request;
  return runMutation(
    env,
    call,
    { fingerprint, stored: reply, auditOnRefusal: scope },
    async (em) => {
      const doctor = await lockDoctor(em, input.doctorId);
      const row = await em.findOne(ScheduleOverride, {
        doctorId: input.doctorId,
        date: input.date,
      });
      if (!row) throw new Refusal({ code: 'SCHEDULE_OVERRIDE_NOT_FOUND', ...scope });
      em.remove(row);
      const promotions: Promotion[] = [];
      for (const day of await doctorDaysFromToday(em, env, input.doctorId, input.date)) {
        promotions.push(
          ...(await replanDoctorDay(em, env, call, day.id, {
            weeklySchedule: doctor.weeklySchedule,
            override: undefined,
          })),
        );
      }
      const moment = { now: env.clock.now(), policy: env.hospital.policy };
      return { response: reply.answer({ override: undefined, promotions, moment }), audit: scope };
    },
  );
}

/** Orders schedule changes against doctor-days being opened from the template (which share-lock it). */
async function lockDoctor(em: EntityManager, doctorId: string): Promise<Doctor> {
  const doctor = await em.findOne(Doctor, doctorId, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!doctor) throw new Refusal({ code: 'DOCTOR_NOT_FOUND', doctorId });
  return doctor;
}
