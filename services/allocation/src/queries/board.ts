import type { EntityManager } from '@mikro-orm/postgresql';
import { startOfLocalDay, type DoctorDay } from '@opd/engine';
import type { CommandEnv } from '../commands/command-env.js';
import { loadDayView, type DayView } from '../commands/day-view.js';
import { engineOverride, plannedSlots } from '../commands/doctor-day.js';
import { doctorDayIdOf } from '../commands/doctor-day-identity.js';
import { recentConsultations } from '../db/doctor-day-store.js';
import { DoctorDay as DoctorDayRow, ScheduleOverride } from '../db/entities/index.js';
import { localDate } from '../hospital.js';
import { findDoctor } from './doctors.js';

/**
 * A doctor-day's board. A Get never writes: a day nobody has asked for yet is shown as it will
 * be when it opens — its slots from the schedule, with the ids opening will give them, so a
 * preferred slot picked here is the one the request gets. A past day that never opened is empty.
 */
export async function doctorDayView(
  env: CommandEnv,
  doctorId: string,
  date: string,
): Promise<DayView> {
  const em = env.orm.em.fork();
  const existing = await em.findOne(DoctorDayRow, { doctorId, date });
  if (existing) return loadDayView(em, existing);
  return unopenedDayView(env, em, doctorId, date);
}

async function unopenedDayView(
  env: CommandEnv,
  em: EntityManager,
  doctorId: string,
  date: string,
): Promise<DayView> {
  const doctor = await findDoctor(em, doctorId);
  const timeZone = env.hospital.timeZone;
  const id = doctorDayIdOf(doctorId, date);
  const past = date < localDate(env.hospital, env.clock.now());
  const override = past ? null : await em.findOne(ScheduleOverride, { doctorId, date });
  const day: DoctorDay = {
    id: past ? '' : id,
    doctorId,
    date,
    dayStartsAt: startOfLocalDay(date, timeZone),
    slots: past
      ? []
      : plannedSlots(id, doctor.weeklySchedule, engineOverride(override), date, timeZone),
    tokens: [],
    waitlist: [],
    nextTokenNumber: 1,
    nextEntryNumber: 1,
    eventSequence: 0,
  };
  return {
    day,
    timeZone,
    patientNames: new Map(),
    notes: new Map(),
    cancelReasons: new Map(),
    doctor: { displayName: doctor.displayName, room: doctor.room },
    consultations: await recentConsultations(em, doctorId, date),
  };
}
