import type pg from 'pg';
import { writeSetJson, type StoredDayJson, type WriteSet } from './doctor-day-store.js';

// The two round trips of a doctor-day batch (migration 4). Each is one simple-protocol message
// that runs a statement prepared once per connection (PREPARE / EXECUTE) together with BEGIN or
// COMMIT: node-postgres sends one message and waits for its answer before the next, so putting
// the transaction's edges in the same message halves the round trips a batch costs.

/** A patient to find on a phone by name, or to register there. */
export interface PatientRow {
  readonly id: string;
  readonly phone: string;
  readonly name: string;
  readonly name_key: string;
  readonly created_at: string;
}

export interface OpenBatchInput {
  readonly doctorId: string;
  readonly date: string;
  readonly lockTimeoutMs: number;
  /** The day the caller already holds, to skip reading it again if nothing changed since. */
  readonly known?: { readonly doctorDayId: string; readonly eventSequence: number };
  /** Every request's idempotency key: answers already stored come back. */
  readonly requests: readonly { readonly caller: string; readonly request_id: string }[];
  readonly newPatients: readonly PatientRow[];
  readonly patientIds: readonly string[];
  /** A day not opened yet is opened with this row, if the doctor is active. */
  readonly openAs?: {
    readonly id: string;
    readonly timeZone: string;
    readonly dayStartsAt: string;
    readonly createdAt: string;
  };
}

export interface StoredAnswerRow {
  readonly caller: string;
  readonly request_id: string;
  readonly method: string;
  readonly request_hash: string;
  /** base64 */
  readonly response: string;
  readonly targets: {
    readonly doctor_id: string | null;
    readonly doctor_day_id: string | null;
    readonly date: string | null;
    readonly token_id: string | null;
    readonly waitlist_entry_id: string | null;
    readonly patient_id: string | null;
  } | null;
}

export interface OpenedBatch {
  readonly answered: readonly StoredAnswerRow[];
  /** Patients this transaction registered (to remove again if only refused requests named them). */
  readonly created_patients: readonly string[];
  readonly patients: readonly Pick<PatientRow, 'id' | 'name' | 'phone' | 'name_key'>[];
  readonly doctor: {
    readonly id: string;
    readonly display_name: string;
    readonly department: string;
    readonly active: boolean;
  } | null;
  /** The locked doctor-day's row, or null when it has not been opened yet. */
  readonly day: {
    readonly id: string;
    readonly time_zone: string;
    readonly day_starts_at: string;
    readonly next_token_number: number;
    readonly next_entry_number: number;
    readonly event_sequence: number;
    /** Inserted by this very transaction: the slots are still to be planned. */
    readonly opened_now: boolean;
  } | null;
  /** For a day opened now: the doctor's weekly schedule and the date's override, as stored. */
  readonly schedule?: unknown;
  readonly override?: { readonly kind: 'LEAVE' | 'SESSIONS'; readonly sessions: unknown } | null;
  /** The day's rows, absent when `known` was still current. */
  readonly state?: StoredDayJson;
}

/**
 * Prepares a new connection's two batch statements. node-postgres runs a client's queries in
 * order, so a batch queued behind this finds them prepared.
 */
export function prepareBatchStatements(client: pg.ClientBase): Promise<unknown> {
  return client.query(`
    prepare opd_open_batch(jsonb) as select open_doctor_day_batch($1) as opened;
    prepare opd_apply_batch(jsonb) as select apply_doctor_day_change($1);`);
}

/**
 * A JSON document as an SQL string literal. JSON escapes control characters and backslashes
 * stand for themselves (standard_conforming_strings, on since PostgreSQL 9.1), so doubling
 * single quotes is all it takes.
 */
const literal = (json: string): string => `'${json.replaceAll("'", "''")}'::jsonb`;

/**
 * BEGIN, then before the decision: stored answers, patients, the doctor, then the day's lock and
 * rows (or its opening).
 */
export async function beginBatch(
  client: pg.PoolClient,
  input: OpenBatchInput,
): Promise<OpenedBatch> {
  return openBatch(client, input, 'begin; ');
}

/** A second doctor-day in the same transaction (a transfer locks both, in a fixed order). */
export function openAnotherDay(client: pg.PoolClient, input: OpenBatchInput): Promise<OpenedBatch> {
  return openBatch(client, input, '');
}

async function openBatch(
  client: pg.PoolClient,
  input: OpenBatchInput,
  before: string,
): Promise<OpenedBatch> {
  const json = JSON.stringify({
    doctor_id: input.doctorId,
    date: input.date,
    lock_timeout_ms: String(Math.max(1, Math.ceil(input.lockTimeoutMs))),
    known_day_id: input.known?.doctorDayId ?? null,
    known_sequence: input.known?.eventSequence ?? null,
    requests: input.requests,
    new_patients: input.newPatients,
    patient_ids: input.patientIds,
    open_as: input.openAs
      ? {
          id: input.openAs.id,
          time_zone: input.openAs.timeZone,
          day_starts_at: input.openAs.dayStartsAt,
          created_at: input.openAs.createdAt,
        }
      : // Left out rather than JSON null: the function tests for an SQL null.
        undefined,
  });
  const answer = (await client.query(`${before}execute opd_open_batch(${literal(json)})`)) as
    pg.QueryResult<{ opened: OpenedBatch }> | pg.QueryResult<{ opened: OpenedBatch }>[];
  // Two statements in one message answer with one result each; one statement with one result.
  const opened = (Array.isArray(answer) ? answer.at(-1) : answer)?.rows[0]?.opened;
  if (!opened) throw new Error('open_doctor_day_batch returned nothing');
  return opened;
}

/** After the decision: the day's change, every answer and every audit row; then COMMIT. */
export async function commitBatch(client: pg.PoolClient, ...writes: WriteSet[]): Promise<void> {
  const applies = writes.map((w) => `execute opd_apply_batch(${literal(writeSetJson(w))}); `);
  await client.query(`${applies.join('')}commit`);
}
