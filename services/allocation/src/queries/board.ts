import type { DoctorDay } from '@opd/engine';
import { DoctorDay as DoctorDayRow } from '../db/entities/index.js';
import type { CommandCall, CommandEnv } from '../commands/command-env.js';
import { loadDayView, type DayView } from '../commands/day-view.js';
import { openAndLockDoctorDay, saveDoctorDay } from '../commands/doctor-day.js';
import { inTransaction } from '../commands/transaction.js';
import { localDate } from '../hospital.js';
import { findDoctor } from './doctors.js';

/**
 * A doctor-day's board. Looking at today's or a future day opens it (materialises its slots, so
 * the counter can pick a preferred slot); a past day that never opened shows as empty.
 */
export async function doctorDayView(
  env: CommandEnv,
  call: Pick<CommandCall, 'actor' | 'signal' | 'deadline'>,
  doctorId: string,
  date: string,
): Promise<DayView> {
  const em = env.orm.em.fork();
  const existing = await em.findOne(DoctorDayRow, { doctorId, date });
  if (existing) return loadDayView(em, existing);
  const doctor = await findDoctor(em, doctorId);
  if (date < localDate(env.hospital, env.clock.now())) return emptyView(env, doctor.id, date);
  await inTransaction(env, call, async (tx) => {
    const locked = await openAndLockDoctorDay(tx, env, doctor, date);
    await saveDoctorDay(
      tx,
      env,
      locked,
      { day: locked.day, events: [] },
      { ...call, requestId: '' },
    );
  });
  env.onCommit?.();
  const opened = await env.orm.em.fork().findOneOrFail(DoctorDayRow, { doctorId, date });
  return loadDayView(env.orm.em.fork(), opened);
}

function emptyView(env: CommandEnv, doctorId: string, date: string): DayView {
  const day: DoctorDay = {
    id: '',
    doctorId,
    date,
    dayStartsAt: 0,
    slots: [],
    tokens: [],
    waitlist: [],
    nextTokenNumber: 1,
    nextEntryNumber: 1,
    eventSequence: 0,
  };
  return {
    day,
    timeZone: env.hospital.timeZone,
    patientNames: new Map(),
    notes: new Map(),
    cancelReasons: new Map(),
  };
}
