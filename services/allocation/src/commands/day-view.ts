import type { EntityManager } from '@mikro-orm/postgresql';
import type { DoctorDay } from '@opd/engine';
import type { DoctorDay as DoctorDayRow } from '../db/entities/index.js';
import {
  Patient,
  Slot as SlotRow,
  Token as TokenRow,
  WaitlistEntry as EntryRow,
} from '../db/entities/index.js';
import type { LockedDoctorDay } from './doctor-day.js';
import { entryFromRow, slotFromRow, tokenFromRow } from './rows.js';

/**
 * A doctor-day as answers show it: the engine's state plus what only rows know (patient names,
 * notes, cancellation reasons).
 */
export interface DayView {
  readonly day: DoctorDay;
  readonly timeZone: string;
  readonly patientNames: ReadonlyMap<string, string>;
  /** Notes and cancellation reasons by token or entry id. */
  readonly notes: ReadonlyMap<string, string>;
  readonly cancelReasons: ReadonlyMap<string, string>;
}

/** Reads a doctor-day without locking it: for boards and lookups. */
export async function loadDayView(em: EntityManager, row: DoctorDayRow): Promise<DayView> {
  const [slots, tokens, entries] = await Promise.all([
    em.find(SlotRow, { doctorDayId: row.id }, { orderBy: { startsAt: 'asc' } }),
    em.find(TokenRow, { doctorDayId: row.id }, { orderBy: { number: 'asc' } }),
    em.find(EntryRow, { doctorDayId: row.id }, { orderBy: { entryNumber: 'asc' } }),
  ]);
  const day: DoctorDay = {
    id: row.id,
    doctorId: row.doctorId,
    date: row.date,
    dayStartsAt: row.dayStartsAt.getTime(),
    slots: slots.map(slotFromRow),
    tokens: tokens.map(tokenFromRow),
    waitlist: entries.map(entryFromRow),
    nextTokenNumber: row.nextTokenNumber,
    nextEntryNumber: row.nextEntryNumber,
    eventSequence: row.eventSequence,
  };
  return viewOf(em, day, row.timeZone, [...tokens, ...entries]);
}

/**
 * The view of a day just changed under lock, for the command's answer. Patient names are read
 * only for the tokens and entries the operation touched: the answer shows nothing else.
 */
export async function viewAfter(
  em: EntityManager,
  locked: LockedDoctorDay,
  day: DoctorDay,
  extra: {
    readonly notes?: { id: string; text: string };
    readonly cancelReasons?: ReadonlyMap<string, string>;
  } = {},
): Promise<DayView> {
  const before = new Set<object>([...locked.day.tokens, ...locked.day.waitlist]);
  const touched = [...day.tokens, ...day.waitlist].filter((x) => !before.has(x));
  const patientIds = [...new Set(touched.map((x) => x.patientId))];
  const patients = patientIds.length ? await em.find(Patient, { id: { $in: patientIds } }) : [];
  const notes = new Map<string, string>();
  const cancelReasons = new Map<string, string>();
  for (const [id, text] of locked.texts) {
    if (text.notes) notes.set(id, text.notes);
    if (text.cancelReason) cancelReasons.set(id, text.cancelReason);
  }
  if (extra.notes) notes.set(extra.notes.id, extra.notes.text);
  for (const [id, reason] of extra.cancelReasons ?? []) cancelReasons.set(id, reason);
  return {
    day,
    timeZone: locked.row.timeZone,
    patientNames: new Map(patients.map((p) => [p.id, p.name])),
    notes,
    cancelReasons,
  };
}

async function viewOf(
  em: EntityManager,
  day: DoctorDay,
  timeZone: string,
  rows: readonly (TokenRow | EntryRow)[],
): Promise<DayView> {
  const patientIds = [...new Set([...day.tokens, ...day.waitlist].map((x) => x.patientId))];
  const patients = patientIds.length ? await em.find(Patient, { id: { $in: patientIds } }) : [];
  const notes = new Map<string, string>();
  const cancelReasons = new Map<string, string>();
  for (const r of rows) {
    if (r.notes) notes.set(r.id, r.notes);
    if (r.cancelReason) cancelReasons.set(r.id, r.cancelReason);
  }
  return {
    day,
    timeZone,
    patientNames: new Map(patients.map((p) => [p.id, p.name])),
    notes,
    cancelReasons,
  };
}
