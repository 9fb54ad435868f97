import type { EntityManager } from '@mikro-orm/postgresql';
import { query } from './sql.js';
import type { Slot, Source, Token, TokenStatus, WaitlistEntry, WaitlistStatus } from '@opd/engine';

// A doctor-day's rows as the engine sees them, read and written in one round trip each: the
// doctor-day's lock is held across both, so every round trip there is time others wait.

interface SlotRow {
  id: string;
  doctor_day_id: string;
  starts_at: string;
  ends_at: string;
  local_start: string;
  local_end: string;
  capacity: number;
  occupancy: number;
}

interface TokenRow {
  id: string;
  doctor_day_id: string;
  number: number;
  patient_id: string;
  slot_id: string;
  source: Source;
  priority: number;
  status: TokenStatus;
  protected: boolean;
  requested_at: string;
  allocated_at: string;
  checked_in_at: string | null;
  completed_at: string | null;
  cancelled_at: string | null;
  no_show_at: string | null;
  preempted_at: string | null;
  preempted_by_token_id: string | null;
  preemption_reason: string | null;
  promoted_from_entry_id: string | null;
  cancel_reason: string | null;
  notes: string;
}

interface EntryRow {
  id: string;
  doctor_day_id: string;
  entry_number: number;
  patient_id: string;
  source: Source;
  priority: number;
  status: WaitlistStatus;
  requested_at: string;
  created_at: string;
  closed_at: string | null;
  displaced_token_id: string | null;
  promoted_token_id: string | null;
  cancel_reason: string | null;
  notes: string;
}

export interface OutboxRow {
  id: string;
  doctor_day_id: string;
  sequence: number;
  event_type: string;
  /** bytea in PostgreSQL's hex input form, `\x…`. */
  payload: string;
  occurred_at: string;
  created_at: string;
  published_at: null;
}

/** Text the engine does not carry: staff notes and cancellation reasons, by token or entry id. */
export type RowTexts = ReadonlyMap<
  string,
  { readonly notes: string; readonly cancelReason: string | null }
>;

export interface StoredDay {
  readonly slots: Slot[];
  readonly tokens: Token[];
  /** Only WAITING entries: closed ones never take part in a decision or a board. */
  readonly waitlist: WaitlistEntry[];
  readonly texts: RowTexts;
}

/** Reads a doctor-day's slots, tokens and waiting entries in one statement. */
export async function readDoctorDay(em: EntityManager, doctorDayId: string): Promise<StoredDay> {
  const [row] = await query<{ slots: SlotRow[]; tokens: TokenRow[]; waiting: EntryRow[] }>(
    em,
    `select
       (select coalesce(json_agg(s order by s.starts_at, s.ends_at), '[]') from slot s where s.doctor_day_id = $1) as slots,
       (select coalesce(json_agg(t order by t.number), '[]') from token t where t.doctor_day_id = $1) as tokens,
       (select coalesce(json_agg(w order by w.entry_number), '[]') from waitlist_entry w
         where w.doctor_day_id = $1 and w.status = 'WAITING') as waiting`,
    [doctorDayId],
  );
  const slots = row?.slots ?? [];
  const tokens = row?.tokens ?? [];
  const waiting = row?.waiting ?? [];
  return {
    slots: slots.map(slotFromRow),
    tokens: tokens.map(tokenFromRow),
    waitlist: waiting.map(entryFromRow),
    texts: new Map(
      [...tokens, ...waiting].map((r) => [r.id, { notes: r.notes, cancelReason: r.cancel_reason }]),
    ),
  };
}

/** What one decision changes on a doctor-day, ready to write. */
export interface DoctorDayChangeSet {
  readonly doctorDayId: string;
  readonly counters: { nextTokenNumber: number; nextEntryNumber: number; eventSequence: number };
  readonly slotUpdates: readonly Slot[];
  readonly slotInserts: readonly Slot[];
  readonly slotDeletes: readonly string[];
  readonly tokenUpdates: readonly Token[];
  readonly tokenInserts: readonly Token[];
  readonly entryUpdates: readonly WaitlistEntry[];
  readonly entryInserts: readonly WaitlistEntry[];
  /** Cancellation reasons and notes for the tokens and entries above. */
  readonly cancelReasons: ReadonlyMap<string, string>;
  readonly notes: ReadonlyMap<string, string>;
  readonly outbox: readonly OutboxRow[];
}

/** Writes a change set with `apply_doctor_day_change` (migration 2): frees before it takes. */
export async function writeDoctorDayChange(
  em: EntityManager,
  change: DoctorDayChangeSet,
): Promise<void> {
  const id = change.doctorDayId;
  const reason = (x: { id: string }) => change.cancelReasons.get(x.id) ?? null;
  const note = (x: { id: string }) => change.notes.get(x.id) ?? '';
  await query(em, 'select apply_doctor_day_change($1::jsonb)', [
    JSON.stringify({
      doctor_day_id: id,
      next_token_number: change.counters.nextTokenNumber,
      next_entry_number: change.counters.nextEntryNumber,
      event_sequence: change.counters.eventSequence,
      slot_updates: change.slotUpdates.map((s) => slotToRow(id, s)),
      slot_inserts: change.slotInserts.map((s) => slotToRow(id, s)),
      slot_deletes: change.slotDeletes,
      token_updates: change.tokenUpdates.map((t) => tokenToRow(id, t, reason(t), note(t))),
      token_inserts: change.tokenInserts.map((t) => tokenToRow(id, t, reason(t), note(t))),
      entry_updates: change.entryUpdates.map((e) => entryToRow(id, e, reason(e), note(e))),
      entry_inserts: change.entryInserts.map((e) => entryToRow(id, e, reason(e), note(e))),
      outbox: change.outbox,
    }),
  ]);
}

/** Inserts a new doctor-day's slots (its opening, before any decision). */
export async function insertSlots(
  em: EntityManager,
  doctorDayId: string,
  slots: readonly Slot[],
): Promise<void> {
  if (slots.length === 0) return;
  await em.execute(
    'insert into slot select * from jsonb_populate_recordset(null::slot, ?::jsonb)',
    [JSON.stringify(slots.map((s) => slotToRow(doctorDayId, s)))],
  );
}

const ms = (iso: string | null): number | undefined => (iso === null ? undefined : Date.parse(iso));
const iso = (instant: number | undefined): string | null =>
  instant === undefined ? null : new Date(instant).toISOString();

/** Copies the optional fields that are set, so the engine's objects stay free of `undefined`. */
function defined<T extends object>(fields: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

function slotFromRow(r: SlotRow): Slot {
  return {
    id: r.id,
    startsAt: Date.parse(r.starts_at),
    endsAt: Date.parse(r.ends_at),
    localStart: r.local_start,
    localEnd: r.local_end,
    capacity: r.capacity,
  };
}

function tokenFromRow(r: TokenRow): Token {
  return {
    id: r.id,
    number: r.number,
    patientId: r.patient_id,
    slotId: r.slot_id,
    source: r.source,
    priority: r.priority,
    requestedAt: Date.parse(r.requested_at),
    allocatedAt: Date.parse(r.allocated_at),
    status: r.status,
    protected: r.protected,
    ...defined({
      promotedFromEntryId: r.promoted_from_entry_id ?? undefined,
      preemptedByTokenId: r.preempted_by_token_id ?? undefined,
      preemptionReason: r.preemption_reason ?? undefined,
      checkedInAt: ms(r.checked_in_at),
      completedAt: ms(r.completed_at),
      cancelledAt: ms(r.cancelled_at),
      noShowAt: ms(r.no_show_at),
      preemptedAt: ms(r.preempted_at),
    }),
  };
}

function entryFromRow(r: EntryRow): WaitlistEntry {
  return {
    id: r.id,
    entryNumber: r.entry_number,
    patientId: r.patient_id,
    source: r.source,
    priority: r.priority,
    requestedAt: Date.parse(r.requested_at),
    createdAt: Date.parse(r.created_at),
    status: r.status,
    ...defined({
      displacedTokenId: r.displaced_token_id ?? undefined,
      promotedTokenId: r.promoted_token_id ?? undefined,
      closedAt: ms(r.closed_at),
    }),
  };
}

function slotToRow(doctorDayId: string, s: Slot): SlotRow {
  return {
    id: s.id,
    doctor_day_id: doctorDayId,
    starts_at: new Date(s.startsAt).toISOString(),
    ends_at: new Date(s.endsAt).toISOString(),
    local_start: s.localStart,
    local_end: s.localEnd,
    capacity: s.capacity,
    occupancy: 0, // kept by the database's trigger, never written by the service
  };
}

function tokenToRow(
  doctorDayId: string,
  t: Token,
  cancelReason: string | null,
  notes: string,
): TokenRow {
  return {
    id: t.id,
    doctor_day_id: doctorDayId,
    number: t.number,
    patient_id: t.patientId,
    slot_id: t.slotId,
    source: t.source,
    priority: t.priority,
    status: t.status,
    protected: t.protected,
    requested_at: new Date(t.requestedAt).toISOString(),
    allocated_at: new Date(t.allocatedAt).toISOString(),
    checked_in_at: iso(t.checkedInAt),
    completed_at: iso(t.completedAt),
    cancelled_at: iso(t.cancelledAt),
    no_show_at: iso(t.noShowAt),
    preempted_at: iso(t.preemptedAt),
    preempted_by_token_id: t.preemptedByTokenId ?? null,
    preemption_reason: t.preemptionReason ?? null,
    promoted_from_entry_id: t.promotedFromEntryId ?? null,
    cancel_reason: cancelReason,
    notes,
  };
}

function entryToRow(
  doctorDayId: string,
  e: WaitlistEntry,
  cancelReason: string | null,
  notes: string,
): EntryRow {
  return {
    id: e.id,
    doctor_day_id: doctorDayId,
    entry_number: e.entryNumber,
    patient_id: e.patientId,
    source: e.source,
    priority: e.priority,
    status: e.status,
    requested_at: new Date(e.requestedAt).toISOString(),
    created_at: new Date(e.createdAt).toISOString(),
    closed_at: iso(e.closedAt),
    displaced_token_id: e.displacedTokenId ?? null,
    promoted_token_id: e.promotedTokenId ?? null,
    cancel_reason: cancelReason,
    notes,
  };
}
