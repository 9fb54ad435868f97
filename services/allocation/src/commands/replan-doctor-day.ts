import type { EntityManager } from '@mikro-orm/postgresql';
import {
  changeSchedule,
  isDayOver,
  planSlots,
  sessionsOn,
  type ScheduleOverride as EngineOverride,
  type WeeklySchedule,
} from '@opd/engine';
import { DoctorDay as DoctorDayRow } from '../db/entities/index.js';
import { localDate } from '../hospital.js';
import type { CommandCall, CommandEnv } from './command-env.js';
import type { DayView } from './day-view.js';
import { lockDoctorDayById, saveDoctorDay } from './doctor-day.js';
import { engineContext } from './engine-context.js';
import { Refusal } from './refusal.js';
import type { Token } from '@opd/engine';

/** A token a waiting patient got, with its day (for the answer). */
export interface Promotion {
  readonly view: DayView;
  readonly token: Token;
}

/** The schedule a doctor-day should follow from now on. */
export interface DayPlan {
  readonly weeklySchedule: WeeklySchedule;
  readonly override: EngineOverride | undefined;
}

/**
 * Re-plans a doctor-day that already exists after its schedule changed (docs/adr/0005): locks it,
 * lets the engine match old and new slots, refuses the whole change if a held place would be
 * lost, and promotes the waitlist into added room. Days already over are left as history.
 */
export async function replanDoctorDay(
  em: EntityManager,
  env: CommandEnv,
  call: CommandCall,
  doctorDayId: string,
  plan: DayPlan,
): Promise<Promotion[]> {
  const locked = await lockDoctorDayById(em, doctorDayId);
  const { day } = locked.view;
  const ctx = engineContext(env);
  if (day.slots.length > 0 && isDayOver(day, ctx.now)) return [];
  const timeZone = locked.view.timeZone;
  const planned = planSlots(
    sessionsOn(plan.weeklySchedule, plan.override, day.date),
    day.date,
    timeZone,
  );
  const decided = changeSchedule(day, planned, ctx);
  if (!decided.ok) throw new Refusal(decided.error, { doctorId: day.doctorId, date: day.date });
  await saveDoctorDay(em, env, locked, decided.value, call);
  if (decided.value.promoted === 0) return [];
  const view = { ...locked.view, day: decided.value.day };
  const before = new Set(day.tokens.map((t) => t.id));
  return decided.value.day.tokens
    .filter((t) => !before.has(t.id))
    .map((token) => ({ view, token }));
}

/** Materialised doctor-days of a doctor from today on, optionally only one date. */
export async function doctorDaysFromToday(
  em: EntityManager,
  env: CommandEnv,
  doctorId: string,
  onlyDate?: string,
): Promise<DoctorDayRow[]> {
  const today = localDate(env.hospital, env.clock.now());
  const where = onlyDate ? { doctorId, date: onlyDate } : { doctorId, date: { $gte: today } };
  const rows = await em.find(DoctorDayRow, where, { orderBy: { date: 'asc' } });
  return rows.filter((r) => r.date >= today);
}
