import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import {
  openDoctorDay,
  planSlots,
  sessionsOn,
  startOfLocalDay,
  type DoctorDay,
  type DomainEvent,
  type Outcome,
  type ScheduleOverride as EngineOverride,
  type Slot,
} from '@opd/engine';
import {
  Doctor,
  DoctorDay as DoctorDayRow,
  OutboxEvent,
  ScheduleOverride,
  Slot as SlotRow,
  Token as TokenRow,
  WaitlistEntry as EntryRow,
} from '../db/entities/index.js';
import { EventEnvelope } from '@opd/api';
import { eventTypeName, toEnvelope } from '../events/event-envelope.js';
import type { CommandCall, CommandEnv } from './command-env.js';
import { entryFromRow, slotFromRow, tokenFromRow, entryRowFields, tokenRowFields } from './rows.js';

/** A doctor-day loaded under its row lock: the engine's view and the rows behind it. */
export interface LockedDoctorDay {
  readonly row: DoctorDayRow;
  readonly doctor: Pick<Doctor, 'id' | 'displayName' | 'department'>;
  /** The day as the engine sees it now, including a just-materialised opening. */
  readonly day: DoctorDay;
  /** Events already decided in this transaction (the opening of a new day). */
  readonly pending: readonly DomainEvent[];
  /** Notes and cancellation reasons of the day's rows (the engine does not carry text). */
  readonly texts: ReadonlyMap<
    string,
    { readonly notes: string; readonly cancelReason: string | null }
  >;
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
  if (existing) return loadLocked(em, existing, doctor, []);

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
  if (inserted.length === 0) return loadLocked(em, row, doctor, []);

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
    { now, newId: env.newId, policy: env.hospital.policy },
  );
  if (opened.day.slots.length > 0) {
    await em.insertMany(
      SlotRow,
      opened.day.slots.map((slot) => slotRow(id, slot)),
    );
  }
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
  const doctor = await em.findOneOrFail(Doctor, row.doctorId);
  return loadLocked(em, row, doctor, []);
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
  const doctor = await em.findOneOrFail(Doctor, row.doctorId);
  return loadLocked(em, row, doctor, []);
}

async function loadLocked(
  em: EntityManager,
  row: DoctorDayRow,
  doctor: LockedDoctorDay['doctor'],
  pending: readonly DomainEvent[],
): Promise<LockedDoctorDay> {
  // Read without tracking: changes are written back explicitly by saveDoctorDay, so the unit of
  // work never has to diff the whole day.
  const isolated = { disableIdentityMap: true } as const;
  const slotRows = await em.find(
    SlotRow,
    { doctorDayId: row.id },
    { ...isolated, orderBy: { startsAt: 'asc' } },
  );
  const tokenRows = await em.find(
    TokenRow,
    { doctorDayId: row.id },
    { ...isolated, orderBy: { number: 'asc' } },
  );
  // Closed entries never take part in a decision; only the waiting ones are loaded.
  const entryRows = await em.find(
    EntryRow,
    { doctorDayId: row.id, status: 'WAITING' },
    { ...isolated, orderBy: { entryNumber: 'asc' } },
  );
  const day: DoctorDay = {
    id: row.id,
    doctorId: row.doctorId,
    date: row.date,
    dayStartsAt: row.dayStartsAt.getTime(),
    slots: slotRows.map(slotFromRow),
    tokens: tokenRows.map(tokenFromRow),
    waitlist: entryRows.map(entryFromRow),
    nextTokenNumber: row.nextTokenNumber,
    nextEntryNumber: row.nextEntryNumber,
    eventSequence: row.eventSequence,
  };
  const texts = new Map(
    [...tokenRows, ...entryRows].map((r) => [
      r.id,
      { notes: r.notes, cancelReason: r.cancelReason ?? null },
    ]),
  );
  return { row, doctor, day, pending, texts };
}

/** Extra text staff attached to the request, kept on the token or entry it created. */
export interface SaveOptions {
  readonly notes?: { readonly id: string; readonly text: string };
}

/**
 * Writes what the engine decided: new and changed slots, tokens and entries, the counters on the
 * locked row, one outbox row per event, and a notification for watchers and the relay (delivered
 * by PostgreSQL only if the transaction commits).
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
  const reasons = new Map<string, string>();
  for (const e of outcome.events) {
    if (e.type === 'TokenCancelled') reasons.set(e.tokenId, e.reason);
    if (e.type === 'WaitlistEntryCancelled') reasons.set(e.entryId, e.reason);
  }
  const notesFor = (id: string) => (options.notes?.id === id ? options.notes.text : '');

  // Updates first: a place freed by a preemption or cancellation must be free in the database
  // before the token that takes it is inserted (the occupancy check is immediate, not deferred).
  const beforeSlots = new Map(before.slots.map((slot) => [slot.id, slot]));
  const beforeTokens = new Map(before.tokens.map((t) => [t.id, t]));
  const beforeEntries = new Map(before.waitlist.map((e) => [e.id, e]));
  for (const slot of after.slots) {
    const old = beforeSlots.get(slot.id);
    if (old && old.capacity !== slot.capacity) {
      await em.nativeUpdate(SlotRow, { id: slot.id }, { capacity: slot.capacity });
    }
  }
  for (const token of after.tokens) {
    const old = beforeTokens.get(token.id);
    if (old && old !== token) {
      await em.nativeUpdate(
        TokenRow,
        { id: token.id },
        tokenRowFields(token, reasons.get(token.id)),
      );
    }
  }
  for (const entry of after.waitlist) {
    const old = beforeEntries.get(entry.id);
    if (old && old !== entry) {
      await em.nativeUpdate(
        EntryRow,
        { id: entry.id },
        entryRowFields(entry, reasons.get(entry.id)),
      );
    }
  }
  await em.nativeUpdate(
    DoctorDayRow,
    { id: after.id },
    {
      nextTokenNumber: after.nextTokenNumber,
      nextEntryNumber: after.nextEntryNumber,
      eventSequence: after.eventSequence,
    },
  );

  const kept = new Set(after.slots.map((slot) => slot.id));
  const dropped = before.slots.filter((slot) => !kept.has(slot.id)).map((slot) => slot.id);
  if (dropped.length) await em.nativeDelete(SlotRow, { id: { $in: dropped } });
  const newSlots = after.slots.filter((slot) => !beforeSlots.has(slot.id));
  if (newSlots.length)
    await em.insertMany(
      SlotRow,
      newSlots.map((slot) => slotRow(after.id, slot)),
    );
  const newTokens = after.tokens.filter((t) => !beforeTokens.has(t.id));
  if (newTokens.length) {
    await em.insertMany(
      TokenRow,
      newTokens.map((t) => ({
        ...tokenRowFields(t, reasons.get(t.id)),
        id: t.id,
        doctorDayId: after.id,
        cancelReason: reasons.get(t.id) ?? null,
        notes: notesFor(t.id),
      })),
    );
  }
  const newEntries = after.waitlist.filter((e) => !beforeEntries.has(e.id));
  if (newEntries.length) {
    await em.insertMany(
      EntryRow,
      newEntries.map((e) => ({
        ...entryRowFields(e, reasons.get(e.id)),
        id: e.id,
        doctorDayId: after.id,
        cancelReason: reasons.get(e.id) ?? null,
        notes: notesFor(e.id),
      })),
    );
  }

  if (events.length === 0) return events;
  const now = new Date(env.clock.now());
  const outbox = events.map((event) => {
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
      doctorDayId: after.id,
      sequence: event.sequence,
      eventType: eventTypeName(event),
      payload: Buffer.from(EventEnvelope.encode(envelope).finish()),
      occurredAt: new Date(event.occurredAt),
      createdAt: now,
      publishedAt: null,
    };
  });
  await em.insertMany(OutboxEvent, outbox);
  await em.execute("select pg_notify('opd_doctor_day_changed', ?), pg_notify('opd_outbox', '')", [
    `${after.id}:${after.eventSequence}`,
  ]);
  return events;
}

function slotRow(doctorDayId: string, slot: Slot) {
  return {
    id: slot.id,
    doctorDayId,
    startsAt: new Date(slot.startsAt),
    endsAt: new Date(slot.endsAt),
    localStart: slot.localStart,
    localEnd: slot.localEnd,
    capacity: slot.capacity,
  };
}

export function engineOverride(row: ScheduleOverride | null): EngineOverride | undefined {
  if (!row) return undefined;
  return row.kind === 'LEAVE'
    ? { date: row.date, kind: 'LEAVE' }
    : { date: row.date, kind: 'SESSIONS', sessions: row.sessions };
}
