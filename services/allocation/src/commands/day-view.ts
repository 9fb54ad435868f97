import type { EntityManager } from '@mikro-orm/postgresql';
import type { DoctorDay } from '@opd/engine';
import { readDoctorDay, type RowTexts } from '../db/doctor-day-store.js';
import { Patient, type DoctorDay as DoctorDayRow } from '../db/entities/index.js';
import type { LockedDoctorDay } from './doctor-day.js';

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
  const patientIds = [...day.tokens, ...day.waitlist].map((x) => x.patientId);
  return view(day, row.timeZone, await namesOf(em, patientIds), stored.texts);
}

export interface ViewExtras {
  readonly notes?: { readonly id: string; readonly text: string };
  readonly cancelReasons?: ReadonlyMap<string, string>;
  /** Names the command already has (the requesting patient), so they are not read again. */
  readonly knownNames?: ReadonlyMap<string, string>;
}

/**
 * The view of a day just changed under lock, for the command's answer. Patient names are read
 * only for the tokens and entries the operation touched: the answer shows nothing else.
 */
export async function viewAfter(
  em: EntityManager,
  locked: LockedDoctorDay,
  day: DoctorDay,
  extra: ViewExtras = {},
): Promise<DayView> {
  const before = new Set<object>([...locked.day.tokens, ...locked.day.waitlist]);
  const touched = [...day.tokens, ...day.waitlist].filter((x) => !before.has(x));
  const known = extra.knownNames ?? new Map<string, string>();
  const names = new Map(known);
  for (const [id, name] of await namesOf(
    em,
    touched.map((x) => x.patientId).filter((id) => !known.has(id)),
  )) {
    names.set(id, name);
  }
  const result = view(day, locked.row.timeZone, names, locked.texts);
  const notes = new Map(result.notes);
  if (extra.notes) notes.set(extra.notes.id, extra.notes.text);
  const cancelReasons = new Map([...result.cancelReasons, ...(extra.cancelReasons ?? [])]);
  return { ...result, notes, cancelReasons };
}

async function namesOf(
  em: EntityManager,
  patientIds: readonly string[],
): Promise<Map<string, string>> {
  const ids = [...new Set(patientIds)];
  if (ids.length === 0) return new Map();
  const patients = await em.find(
    Patient,
    { id: { $in: ids } },
    { fields: ['id', 'name'], disableIdentityMap: true },
  );
  return new Map(patients.map((p) => [p.id, p.name]));
}

function view(
  day: DoctorDay,
  timeZone: string,
  names: ReadonlyMap<string, string>,
  texts: RowTexts,
): DayView {
  const notes = new Map<string, string>();
  const cancelReasons = new Map<string, string>();
  for (const [id, text] of texts) {
    if (text.notes) notes.set(id, text.notes);
    if (text.cancelReason) cancelReasons.set(id, text.cancelReason);
  }
  return { day, timeZone, patientNames: names, notes, cancelReasons };
}
