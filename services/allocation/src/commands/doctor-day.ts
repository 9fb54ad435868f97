import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { EventEnvelope } from '@opd/api';
import {
  openDoctorDay,
  planSlots,
  sessionsOn,
  startOfLocalDay,
  type DoctorDay,
  type DomainEvent,
  type Outcome,
  type ScheduleOverride as EngineOverride,
} from '@opd/engine';
import {
  insertSlots,
  readDoctorDay,
  writeDoctorDayChange,
  type OutboxRow,
  type RowTexts,
} from '../db/doctor-day-store.js';
import { Doctor, DoctorDay as DoctorDayRow, ScheduleOverride } from '../db/entities/index.js';
import { eventTypeName, toEnvelope } from '../events/event-envelope.js';
import type { CommandCall, CommandEnv } from './command-env.js';

/** A doctor-day loaded under its row lock: the engine's view and what only rows know. */
export interface LockedDoctorDay {
  readonly row: DoctorDayRow;
  readonly doctor: Pick<Doctor, 'id' | 'displayName' | 'department'>;
  /** The day as the engine sees it now, including a just-materialised opening. */
  readonly day: DoctorDay;
  /** Events already decided in this transaction (the opening of a new day). */
  readonly pending: readonly DomainEvent[];
  /** Notes and cancellation reasons of the day's rows (the engine does not carry text). */
  readonly texts: RowTexts;
}

/**
 * Locks the doctor's day, creating it race-free on first use with its slots from the template:
 * INSERT … ON CONFLICT DO NOTHING first (locking a missing row locks nothing), then the lock.
 */
export async function openAndLockDoctorDay(
  em: EntityManager,
  env: CommandEnv,
  doctor: Doctor,
  date: string,
): Promise<LockedDoctorDay> {
  const existing = await em.findOne(
    DoctorDayRow,
    { doctorId: doctor.id, date },
    { lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  if (existing) return loadLocked(em, existing, doctor);

  const timeZone = env.hospital.timeZone;
  const now = env.clock.now();
  const id = env.newId();
  const dayStartsAt = startOfLocalDay(date, timeZone);
  const inserted = await em.execute<{ id: string }[]>(
    `insert into doctor_day (id, doctor_id, date, time_zone, day_starts_at, event_sequence, created_at)
     values (?, ?, ?, ?, ?, 1, ?) on conflict (doctor_id, date) do nothing returning id`,
    [id, doctor.id, date, timeZone, new Date(dayStartsAt), new Date(now)],
  );
  const row = await em.findOneOrFail(
    DoctorDayRow,
    { doctorId: doctor.id, date },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
  );
  if (inserted.length === 0) return loadLocked(em, row, doctor);

  // Share-lock the doctor so a concurrent template or override change either waits for this
  // opening (and then re-plans it) or commits first (and is read here).
  const current = await em.findOneOrFail(Doctor, doctor.id, {
    lockMode: LockMode.PESSIMISTIC_READ,
    refresh: true,
  });
  const override = await em.findOne(
    ScheduleOverride,
    { doctorId: doctor.id, date },
    { refresh: true },
  );
  const planned = planSlots(
    sessionsOn(current.weeklySchedule, engineOverride(override), date),
    date,
    timeZone,
  );
  const opened = openDoctorDay(
    { doctorDayId: id, doctorId: doctor.id, date, dayStartsAt },
    planned,
    {
      now,
      newId: env.newId,
      policy: env.hospital.policy,
    },
  );
  await insertSlots(em, id, opened.day.slots);
  return { row, doctor, day: opened.day, pending: opened.events, texts: new Map() };
}

/** Locks an existing doctor-day by id (the day of a token or waitlist entry). */
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

/** Like lockDoctorDayById, but gives up at once (undefined) if someone else holds the lock. */
export async function tryLockDoctorDay(
  em: EntityManager,
  doctorDayId: string,
): Promise<LockedDoctorDay | undefined> {
  const row = await em.findOne(DoctorDayRow, doctorDayId, {
    lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE,
    refresh: true,
  });
  if (!row) return undefined;
  return loadLocked(em, row, await em.findOneOrFail(Doctor, row.doctorId));
}

async function loadLocked(
  em: EntityManager,
  row: DoctorDayRow,
  doctor: LockedDoctorDay['doctor'],
): Promise<LockedDoctorDay> {
  const stored = await readDoctorDay(em, row.id);
  const day: DoctorDay = {
    id: row.id,
    doctorId: row.doctorId,
    date: row.date,
    dayStartsAt: row.dayStartsAt.getTime(),
    slots: stored.slots,
    tokens: stored.tokens,
    waitlist: stored.waitlist,
    nextTokenNumber: row.nextTokenNumber,
    nextEntryNumber: row.nextEntryNumber,
    eventSequence: row.eventSequence,
  };
  return { row, doctor, day, pending: [], texts: stored.texts };
}

/** Extra text staff attached to the request, kept on the token or entry it created. */
export interface SaveOptions {
  readonly notes?: { readonly id: string; readonly text: string };
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
  options: SaveOptions = {},
): Promise<readonly DomainEvent[]> {
  const before = locked.day;
  const after = outcome.day;
  const events = [...locked.pending, ...outcome.events];
  const cancelReasons = new Map<string, string>();
  for (const e of outcome.events) {
    if (e.type === 'TokenCancelled') cancelReasons.set(e.tokenId, e.reason);
    if (e.type === 'WaitlistEntryCancelled') cancelReasons.set(e.entryId, e.reason);
  }
  const oldSlots = new Map(before.slots.map((s) => [s.id, s]));
  const oldTokens = new Map(before.tokens.map((t) => [t.id, t]));
  const oldEntries = new Map(before.waitlist.map((e) => [e.id, e]));
  const kept = new Set(after.slots.map((s) => s.id));
  const now = new Date(env.clock.now()).toISOString();

  await writeDoctorDayChange(em, {
    doctorDayId: after.id,
    counters: {
      nextTokenNumber: after.nextTokenNumber,
      nextEntryNumber: after.nextEntryNumber,
      eventSequence: after.eventSequence,
    },
    slotUpdates: after.slots.filter(
      (s) => oldSlots.has(s.id) && oldSlots.get(s.id)?.capacity !== s.capacity,
    ),
    slotInserts: after.slots.filter((s) => !oldSlots.has(s.id)),
    slotDeletes: before.slots.filter((s) => !kept.has(s.id)).map((s) => s.id),
    tokenUpdates: after.tokens.filter((t) => oldTokens.has(t.id) && oldTokens.get(t.id) !== t),
    tokenInserts: after.tokens.filter((t) => !oldTokens.has(t.id)),
    entryUpdates: after.waitlist.filter((e) => oldEntries.has(e.id) && oldEntries.get(e.id) !== e),
    entryInserts: after.waitlist.filter((e) => !oldEntries.has(e.id)),
    cancelReasons,
    notes: options.notes ? new Map([[options.notes.id, options.notes.text]]) : new Map(),
    outbox: events.map((event): OutboxRow => {
      const envelope = toEnvelope(event, {
        day: after,
        before: event.type === 'DoctorDayOpened' ? undefined : before,
        actor: call.actor,
        requestId: call.requestId,
        timeZone: locked.row.timeZone,
        doctor: locked.doctor,
        newId: env.newId,
      });
      return {
        id: envelope.eventId,
        doctor_day_id: after.id,
        sequence: event.sequence,
        event_type: eventTypeName(event),
        payload: `\\x${Buffer.from(EventEnvelope.encode(envelope).finish()).toString('hex')}`,
        occurred_at: new Date(event.occurredAt).toISOString(),
        created_at: now,
        published_at: null,
      };
    }),
  });
  // locked.row keeps the counters it was read with: nothing writes it through the unit of work.
  return events;
}

export function engineOverride(row: ScheduleOverride | null): EngineOverride | undefined {
  if (!row) return undefined;
  return row.kind === 'LEAVE'
    ? { date: row.date, kind: 'LEAVE' }
    : { date: row.date, kind: 'SESSIONS', sessions: row.sessions };
}
