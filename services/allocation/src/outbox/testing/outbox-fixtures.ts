export { uniqueStream } from '@opd/event-stream/testing';
// Helpers for the relay's integration tests: write outbox rows the way commands do, read the
// stream back, and check what consumers rely on (each event once, per doctor-day in order).
import { EventEnvelope } from '@opd/api';
import type { JetStreamManager, StoredMsg } from '@nats-io/jetstream';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { RelayLogger } from '../logger.js';
import { DOCTOR_DAY_CHANNEL, OUTBOX_CHANNEL } from '../outbox-listener.js';

export interface OutboxRow {
  readonly id: string;
  readonly doctorDayId: string;
  readonly sequence: number;
  readonly eventType: string;
  readonly payload: Uint8Array;
}

let idCounter = 0x10000000;

/**
 * A UUID whose first 8 hex digits grow with every call (or are `rank` when given), so tests
 * can commit rows in an order that differs from their id order on purpose.
 */
export function rankedId(rank = idCounter++): string {
  return `${rank.toString(16).padStart(8, '0')}${randomUUID().slice(8)}`;
}

/** Row `sequence` of a doctor-day as a command would write it: an encoded EventEnvelope. */
export function outboxRow(doctorDayId: string, sequence: number, id = rankedId()): OutboxRow {
  const base = {
    eventId: id,
    doctorDayId,
    doctorId: '0b9e6f1c-8f5a-4c77-9a53-2f35a8d7a001',
    date: '2026-11-27',
    sequence,
    occurredAt: new Date(),
    requestId: '',
  };
  const envelope =
    sequence === 1
      ? EventEnvelope.fromPartial({
          ...base,
          payload: { $case: 'doctorDayOpened', value: { timeZone: 'Asia/Kolkata', slots: [] } },
        })
      : EventEnvelope.fromPartial({
          ...base,
          payload: {
            $case: 'tokenCheckedIn',
            value: { tokenId: randomUUID(), tokenNumber: sequence, checkInTime: new Date() },
          },
        });
  return {
    id,
    doctorDayId,
    sequence,
    eventType: sequence === 1 ? 'doctor_day_opened' : 'token_checked_in',
    payload: EventEnvelope.encode(envelope).finish(),
  };
}

/** Rows `from`..`to` of a doctor-day. */
export function outboxRows(doctorDayId: string, from: number, to: number): OutboxRow[] {
  return Array.from({ length: to - from + 1 }, (_, i) => outboxRow(doctorDayId, from + i));
}

/** Inserts rows on a client that may be inside a transaction the caller controls. */
export async function insertRows(client: pg.ClientBase, rows: readonly OutboxRow[]): Promise<void> {
  for (const row of rows) {
    await client.query(
      `insert into outbox_event (id, doctor_day_id, sequence, event_type, payload, occurred_at)
       values ($1, $2, $3, $4, $5, now())`,
      [row.id, row.doctorDayId, row.sequence, row.eventType, Buffer.from(row.payload)],
    );
  }
}

/**
 * Commits rows in one transaction with the notifications a command sends
 * (`apply_doctor_day_change`): `opd_doctor_day_changed` with each doctor-day and its last
 * sequence, and `opd_outbox`. `notify: false` commits them silently (another writer's rows
 * the relay only finds by looking).
 */
export async function commitRows(
  pool: pg.Pool,
  rows: readonly OutboxRow[],
  { notify = true } = {},
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await insertRows(client, rows);
    if (notify) {
      const last = new Map<string, number>();
      for (const row of rows) {
        last.set(row.doctorDayId, Math.max(last.get(row.doctorDayId) ?? 0, row.sequence));
      }
      for (const [day, sequence] of last) {
        await client.query('select pg_notify($1, $2)', [DOCTOR_DAY_CHANNEL, `${day}:${sequence}`]);
      }
      await client.query(`notify ${OUTBOX_CHANNEL}`);
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}

export async function unpublishedCount(pool: pg.Pool): Promise<number> {
  const result = await pool.query<{ n: string }>(
    'select count(*) as n from outbox_event where published_at is null',
  );
  return Number(result.rows[0]?.n ?? 0);
}

/** Every message of the stream, in stream order. */
export async function readStream(jsm: JetStreamManager, stream: string): Promise<StoredMsg[]> {
  const info = await jsm.streams.info(stream);
  const messages: StoredMsg[] = [];
  for (
    let seq = info.state.first_seq;
    seq <= info.state.last_seq && info.state.messages > 0;
    seq++
  ) {
    const message = await jsm.streams.getMessage(stream, { seq });
    if (message !== null) messages.push(message);
  }
  return messages;
}

export interface StreamSummary {
  /** Message ids in stream order. */
  readonly ids: string[];
  /** Per doctor-day, the sequences in stream order. */
  readonly sequences: Map<string, number[]>;
}

/**
 * Reads the stream and checks every message against its headers and payload (the envelope's
 * event id, doctor-day and sequence must match what the relay put in the headers).
 */
export function summarise(messages: readonly StoredMsg[], subjectPrefix: string): StreamSummary {
  const ids: string[] = [];
  const sequences = new Map<string, number[]>();
  for (const message of messages) {
    const envelope = EventEnvelope.decode(message.data);
    const doctorDayId = message.header.get('Opd-Doctor-Day-Id');
    const sequence = Number(message.header.get('Opd-Sequence'));
    const eventType = message.header.get('Opd-Event-Type');
    if (
      message.header.get('Nats-Msg-Id') !== envelope.eventId ||
      doctorDayId !== envelope.doctorDayId ||
      sequence !== envelope.sequence ||
      message.subject !== `${subjectPrefix}.${eventType}`
    ) {
      throw new Error(`message ${message.seq} does not match its envelope`);
    }
    ids.push(envelope.eventId);
    sequences.set(doctorDayId, [...(sequences.get(doctorDayId) ?? []), sequence]);
  }
  return { ids, sequences };
}

/** 1, 2, … n. */
export function oneTo(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

export async function waitFor(
  condition: () => Promise<boolean> | boolean,
  { timeoutMs = 10_000, intervalMs = 20, what = 'condition' } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export interface LogEntry {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly fields: object;
  readonly message: string;
}

/** A logger that keeps what it is told, for assertions (and for reading a failed test). */
export function collectingLogger(): RelayLogger & { readonly entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const log =
    (level: LogEntry['level']) =>
    (fields: object, message: string): void => {
      entries.push({ level, fields, message });
    };
  return {
    entries,
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
  };
}

/**
 * Records the statements the relays of this process send (every connection whose
 * application_name starts with `opd-outbox`), until `stop()`. Other clients are not recorded.
 */
export function recordRelayStatements(): { readonly statements: string[]; stop(): void } {
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  const statements: string[] = [];
  prototype.query = function (this: unknown, ...args: unknown[]) {
    const client = this as { connectionParameters?: { application_name?: string } };
    if (client.connectionParameters?.application_name?.startsWith('opd-outbox')) {
      const first = args[0];
      statements.push(
        typeof first === 'string' ? first : String((first as { text?: string }).text),
      );
    }
    return original.apply(this, args);
  };
  return {
    statements,
    stop: () => {
      prototype.query = original;
    },
  };
}
