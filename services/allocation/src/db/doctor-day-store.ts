import type { EntityManager } from '@mikro-orm/postgresql';
import { query } from './sql.js';
import type {
  Slot,
  Source,
  Token,
  TokenMove,
  TokenStatus,
  WaitlistEntry,
  WaitlistStatus,
} from '@opd/engine';

// A doctor-day's rows as the engine sees them, read and written in one round trip each: the
// doctor-day's lock is held across both, so every round trip there is time others wait. The same
// JSON shapes travel on the batch path (db/batch-statements.ts) and on the cold paths (MikroORM).

export interface SlotRow {
  id: string;
  doctor_day_id: string;
  starts_at: string;
  ends_at: string;
  local_start: string;
  local_end: string;
  capacity: number;
  occupancy: number;
}

export interface TokenRow {
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
  called_at: string | null;
  skips: number;
  last_skipped_at: string | null;
  recalls: number;
  transferred_at: string | null;
  transfer_reason: string | null;
  transferred_to_doctor_day_id: string | null;
  transferred_to_token_id: string | null;
  transferred_from_doctor_day_id: string | null;
  transferred_from_token_id: string | null;
  grace_from: string | null;
  last_transition: TransitionJson | null;
}

/** Token.lastTransition as stored (jsonb), instants as ISO text. */
export interface TransitionJson {
  from: TokenStatus;
  to: TokenStatus;
  at: string;
  move: TokenMove;
  undo: boolean;
}

export interface EntryRow {
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
  readonly waitlist: WaitlistEntry[];
  readonly texts: RowTexts;
  /** Names of the day's patients, by id. */
  readonly names: ReadonlyMap<string, string>;
  readonly doctor: DoctorLabel;
  /** The doctor's latest consultation minutes (called → completed), the latest last, at most 20. */
  readonly consultations: readonly number[];
}

/** How a doctor is shown on a board, a slip and the waiting-room display. */
export interface DoctorLabel {
  readonly displayName: string;
  readonly room: string;
}

/** A doctor-day's rows as `doctor_day_state` (migration 4) returns them: one JSON document. */
export interface StoredDayJson {
  readonly slots: SlotRow[];
  readonly tokens: TokenRow[];
  readonly waitlist: EntryRow[];
  readonly names: Record<string, string>;
  /** Absent only in documents made up by the service itself (a blank day). */
  readonly doctor?: { readonly display_name: string; readonly room: string } | null;
  readonly consultations?: readonly (number | string)[];
}

/** Reads a doctor-day's slots, tokens, waitlist and patient names in one statement. */
export async function readDoctorDay(em: EntityManager, doctorDayId: string): Promise<StoredDay> {
  const [row] = await query<{ state: StoredDayJson }>(em, 'select doctor_day_state($1) as state', [
    doctorDayId,
  ]);
  if (!row) throw new Error(`doctor_day_state returned nothing for ${doctorDayId}`);
  return storedDayFromJson(row.state);
}

/** A doctor's latest consultation minutes up to a date, the latest last (for a day not opened). */
export async function recentConsultations(
  em: EntityManager,
  doctorId: string,
  until: string,
): Promise<number[]> {
  const [row] = await query<{ minutes: (number | string)[] }>(
    em,
    'select doctor_consultations($1, $2::date) as minutes',
    [doctorId, until],
  );
  return (row?.minutes ?? []).map(Number);
}

export function storedDayFromJson(state: StoredDayJson): StoredDay {
  return {
    slots: state.slots.map(slotFromRow),
    tokens: state.tokens.map(tokenFromRow),
    waitlist: state.waitlist.map(entryFromRow),
    texts: new Map(
      [...state.tokens, ...state.waitlist].map((r) => [
        r.id,
        { notes: r.notes, cancelReason: r.cancel_reason },
      ]),
    ),
    names: new Map(Object.entries(state.names)),
    doctor: {
      displayName: state.doctor?.display_name ?? '',
      room: state.doctor?.room ?? '',
    },
    consultations: (state.consultations ?? []).map(Number),
  };
}

/** A caller's stored answer, written with the change it answers (idempotency_record). */
export interface AnswerRow {
  readonly caller: string;
  readonly request_id: string;
  readonly method: string;
  readonly request_hash: string;
  /** bytea in PostgreSQL's hex input form, `\x…`. */
  readonly response: string;
  readonly created_at: string;
}

/** One line of the audit trail (audit_entry), written with the change or refusal it records. */
export interface AuditRow {
  readonly id: string;
  readonly occurred_at: string;
  readonly key_name: string;
  readonly role: string;
  readonly peer: string;
  readonly user_agent: string;
  readonly action: string;
  readonly request_id: string;
  readonly outcome_code: number;
  readonly outcome_reason: string;
  readonly replayed: boolean;
  readonly doctor_id: string | null;
  readonly doctor_day_id: string | null;
  readonly date: string | null;
  readonly token_id: string | null;
  readonly waitlist_entry_id: string | null;
  readonly patient_id: string | null;
}

/** What one decision (or one batch of them) changes on a doctor-day, ready to write. */
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

/** Everything a transaction writes in one round trip: a day's change, answers, audit rows. */
export interface WriteSet {
  /** Absent when nothing on a doctor-day changed (every request refused or replayed). */
  readonly day?: DoctorDayChangeSet;
  readonly answers?: readonly AnswerRow[];
  readonly audit?: readonly AuditRow[];
  /** A day this transaction opened, to remove again because nothing was placed on it. */
  readonly discardDayId?: string;
  /** Patients this transaction registered that no accepted request named. */
  readonly discardPatients?: readonly string[];
}

/** The JSON document `apply_doctor_day_change` (migrations 2 and 4) takes. */
export function writeSetJson(write: WriteSet): string {
  const change = write.day;
  const answers = write.answers ?? [];
  const audit = write.audit ?? [];
  const discards = {
    discard_day_id: write.discardDayId ?? null,
    discard_patients: write.discardPatients ?? [],
  };
  if (!change) return JSON.stringify({ doctor_day_id: null, answers, audit, ...discards });
  const id = change.doctorDayId;
  const reason = (x: { id: string }) => change.cancelReasons.get(x.id) ?? null;
  const note = (x: { id: string }) => change.notes.get(x.id) ?? '';
  return JSON.stringify({
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
    answers,
    audit,
    ...discards,
  });
}

/** Writes a change set with `apply_doctor_day_change`: frees places before it takes them. */
export async function writeDoctorDayChange(em: EntityManager, write: WriteSet): Promise<void> {
  await query(em, 'select apply_doctor_day_change($1::jsonb)', [writeSetJson(write)]);
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
      calledAt: ms(r.called_at),
      lastSkippedAt: ms(r.last_skipped_at),
      transferredAt: ms(r.transferred_at),
      transferReason: r.transfer_reason ?? undefined,
      transferredTo:
        r.transferred_to_token_id && r.transferred_to_doctor_day_id
          ? { doctorDayId: r.transferred_to_doctor_day_id, tokenId: r.transferred_to_token_id }
          : undefined,
      transferredFrom:
        r.transferred_from_token_id && r.transferred_from_doctor_day_id
          ? { doctorDayId: r.transferred_from_doctor_day_id, tokenId: r.transferred_from_token_id }
          : undefined,
      graceFrom: ms(r.grace_from),
      lastTransition: r.last_transition
        ? { ...r.last_transition, at: Date.parse(r.last_transition.at) }
        : undefined,
    }),
    skips: r.skips,
    recalls: r.recalls,
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
    called_at: iso(t.calledAt),
    skips: t.skips,
    last_skipped_at: iso(t.lastSkippedAt),
    recalls: t.recalls,
    transferred_at: iso(t.transferredAt),
    transfer_reason: t.transferReason ?? null,
    transferred_to_doctor_day_id: t.transferredTo?.doctorDayId ?? null,
    transferred_to_token_id: t.transferredTo?.tokenId ?? null,
    transferred_from_doctor_day_id: t.transferredFrom?.doctorDayId ?? null,
    transferred_from_token_id: t.transferredFrom?.tokenId ?? null,
    grace_from: iso(t.graceFrom),
    last_transition: t.lastTransition
      ? { ...t.lastTransition, at: new Date(t.lastTransition.at).toISOString() }
      : null,
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
