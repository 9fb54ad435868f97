import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import {
  planSlots,
  sessionsOn,
  type DomainEvent,
  type Outcome,
  type ScheduleOverride as EngineOverride,
} from '@opd/engine';
import { readDoctorDay, writeDoctorDayChange } from '../db/doctor-day-store.js';
import { Doctor, DoctorDay as DoctorDayRow, type ScheduleOverride } from '../db/entities/index.js';
import { changeSetOf, outboxRows } from './change-set.js';
import type { CommandCall, CommandEnv } from './command-env.js';
import { dayViewOf, headerOfRow, type DayView } from './day-view.js';
import { slotIdOf } from './doctor-day-identity.js';

// The cold path's way to a doctor-day (schedule changes): MikroORM, with the doctor-day's row
// lock taken as LockMode.PESSIMISTIC_WRITE. Batches take the same lock, and open new days, in
// open_doctor_day_batch (commands/doctor-day-batch.ts).

/** A doctor-day loaded under its row lock. */
export interface LockedDoctorDay {
  readonly view: DayView;
  readonly doctor: Pick<Doctor, 'id' | 'displayName' | 'department'>;
  /** Events already decided in this transaction (the opening of a new day). */
  readonly pending: readonly DomainEvent[];
}

/** The slots a day will get when it opens, with the ids it will give them. */
export function plannedSlots(
  doctorDayId: string,
  schedule: Doctor['weeklySchedule'],
  override: EngineOverride | undefined,
  date: string,
  timeZone: string,
) {
  return planSlots(sessionsOn(schedule, override, date), date, timeZone).map((slot) => ({
    ...slot,
    id: slotIdOf(doctorDayId, slot.startsAt, slot.endsAt),
  }));
}

/** Locks an existing doctor-day by id (for schedule changes). */
export async function lockDoctorDayById(
  em: EntityManager,
  doctorDayId: string,
): Promise<LockedDoctorDay> {
  const row = await em.findOneOrFail(DoctorDayRow, doctorDayId, {
    lockMode: LockMode.PESSIMISTIC_WRITE,
    refresh: true,
  });
  return loadLocked(em, row, await em.findOneOrFail(Doctor, row.doctorId));
}

async function loadLocked(
  em: EntityManager,
  row: DoctorDayRow,
  doctor: LockedDoctorDay['doctor'],
): Promise<LockedDoctorDay> {
  return {
    view: dayViewOf(headerOfRow(row), await readDoctorDay(em, row.id)),
    doctor,
    pending: [],
  };
}

/**
 * Writes what the engine decided, in one round trip: changed and new slots, tokens and entries,
 * the counters on the locked row, one outbox row per event, and notifications for watchers and
 * the relay (delivered by PostgreSQL only if the transaction commits).
 */
export async function saveDoctorDay(
  em: EntityManager,
  env: CommandEnv,
  locked: LockedDoctorDay,
  outcome: Outcome,
  call: Pick<CommandCall, 'actor' | 'requestId'>,
): Promise<readonly DomainEvent[]> {
  const before = locked.view.day;
  const events = [...locked.pending, ...outcome.events];
  const outbox = outboxRows(
    { events, before, after: outcome.day, actor: call.actor, requestId: call.requestId },
    {
      timeZone: locked.view.timeZone,
      doctor: locked.doctor,
      newId: env.newId,
      now: env.clock.now(),
    },
  );
  const texts = { notes: new Map<string, string>(), cancelReasons: new Map<string, string>() };
  await writeDoctorDayChange(em, { day: changeSetOf(before, outcome.day, texts, outbox) });
  return events;
}

export function engineOverride(row: ScheduleOverride | null): EngineOverride | undefined {
  if (!row) return undefined;
  return row.kind === 'LEAVE'
    ? { date: row.date, kind: 'LEAVE' }
    : { date: row.date, kind: 'SESSIONS', sessions: row.sessions };
}
