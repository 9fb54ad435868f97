import type { EntityManager } from '@mikro-orm/postgresql';
import type { DoctorDay, Instant, Policy } from '@opd/engine';
import { readDoctorDay, type DoctorLabel, type StoredDay } from '../db/doctor-day-store.js';
import type { DoctorDay as DoctorDayRow } from '../db/entities/index.js';

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
  /** The doctor's name and room, for boards, slips and the waiting-room display. */
  readonly doctor: DoctorLabel;
  /** The doctor's latest consultation minutes, the latest last: what expected times learn from. */
  readonly consultations: readonly number[];
}

/** When an answer is given and the rules in force: what expected times and undo windows read. */
export interface Moment {
  readonly now: Instant;
  readonly policy: Policy;
}

/** The counters and identity of a doctor-day, as its row holds them. */
export interface DayHeader {
  readonly id: string;
  readonly doctorId: string;
  readonly date: string;
  readonly timeZone: string;
  readonly dayStartsAt: number;
  readonly nextTokenNumber: number;
  readonly nextEntryNumber: number;
  readonly eventSequence: number;
}

/** Builds a view from a day's header and its stored rows. */
export function dayViewOf(header: DayHeader, stored: StoredDay): DayView {
  const day: DoctorDay = {
    id: header.id,
    doctorId: header.doctorId,
    date: header.date,
    dayStartsAt: header.dayStartsAt,
    slots: stored.slots,
    tokens: stored.tokens,
    waitlist: stored.waitlist,
    nextTokenNumber: header.nextTokenNumber,
    nextEntryNumber: header.nextEntryNumber,
    eventSequence: header.eventSequence,
  };
  const notes = new Map<string, string>();
  const cancelReasons = new Map<string, string>();
  for (const [id, text] of stored.texts) {
    if (text.notes) notes.set(id, text.notes);
    if (text.cancelReason) cancelReasons.set(id, text.cancelReason);
  }
  return {
    day,
    timeZone: header.timeZone,
    patientNames: stored.names,
    notes,
    cancelReasons,
    doctor: stored.doctor,
    consultations: stored.consultations,
  };
}

export const headerOfRow = (row: DoctorDayRow): DayHeader => ({
  id: row.id,
  doctorId: row.doctorId,
  date: row.date,
  timeZone: row.timeZone,
  dayStartsAt: row.dayStartsAt.getTime(),
  nextTokenNumber: row.nextTokenNumber,
  nextEntryNumber: row.nextEntryNumber,
  eventSequence: row.eventSequence,
});

/** Reads a doctor-day without locking it: for boards and lookups. */
export async function loadDayView(em: EntityManager, row: DoctorDayRow): Promise<DayView> {
  return dayViewOf(headerOfRow(row), await readDoctorDay(em, row.id));
}
