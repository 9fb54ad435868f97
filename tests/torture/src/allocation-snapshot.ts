// The allocation database as one consistent picture: every table the checks need, read in one
// repeatable-read transaction.
import { EventEnvelope } from '@opd/api';
import type { Source, TokenStatus, WaitlistStatus } from '@opd/engine';
import { inSnapshot } from './database.js';

export interface DayRow {
  readonly id: string;
  readonly doctor_id: string;
  readonly date: string;
  readonly day_starts_at: Date;
  readonly next_token_number: number;
  readonly next_entry_number: number;
  readonly event_sequence: number;
}

export interface SlotRow {
  readonly id: string;
  readonly doctor_day_id: string;
  readonly starts_at: Date;
  readonly ends_at: Date;
  readonly local_start: string;
  readonly local_end: string;
  readonly capacity: number;
  readonly occupancy: number;
}

export interface TokenRow {
  readonly id: string;
  readonly doctor_day_id: string;
  readonly number: number;
  readonly patient_id: string;
  readonly slot_id: string;
  readonly source: Source;
  readonly priority: number;
  readonly status: TokenStatus;
  readonly protected: boolean;
  readonly requested_at: Date;
  readonly allocated_at: Date;
  readonly checked_in_at: Date | null;
  readonly completed_at: Date | null;
  readonly cancelled_at: Date | null;
  readonly no_show_at: Date | null;
  readonly preempted_at: Date | null;
  readonly preempted_by_token_id: string | null;
  readonly preemption_reason: string | null;
  readonly promoted_from_entry_id: string | null;
  readonly called_at: Date | null;
  readonly skips: number;
  readonly last_skipped_at: Date | null;
  readonly recalls: number;
  readonly transferred_at: Date | null;
}

export interface EntryRow {
  readonly id: string;
  readonly doctor_day_id: string;
  readonly entry_number: number;
  readonly patient_id: string;
  readonly source: Source;
  readonly priority: number;
  readonly status: WaitlistStatus;
  readonly requested_at: Date;
  readonly created_at: Date;
  readonly closed_at: Date | null;
  readonly displaced_token_id: string | null;
  readonly promoted_token_id: string | null;
}

export interface IdempotencyRow {
  readonly caller: string;
  readonly request_id: string;
  readonly method: string;
  readonly response: Buffer;
}

export interface OutboxRow {
  readonly id: string;
  readonly doctor_day_id: string;
  readonly sequence: number;
  readonly event_type: string;
  readonly payload: Buffer;
  readonly published: boolean;
  /** The payload, decoded. */
  readonly envelope: EventEnvelope;
}

export interface AllocationSnapshot {
  readonly takenAt: number;
  readonly days: readonly DayRow[];
  readonly slots: readonly SlotRow[];
  readonly tokens: readonly TokenRow[];
  readonly entries: readonly EntryRow[];
  readonly tokenById: ReadonlyMap<string, TokenRow>;
  readonly entryById: ReadonlyMap<string, EntryRow>;
  /** Patient id → E.164 phone. */
  readonly phones: ReadonlyMap<string, string>;
  readonly idempotency: readonly IdempotencyRow[];
  readonly outbox: readonly OutboxRow[];
}

export async function readAllocation(url: string): Promise<AllocationSnapshot> {
  return inSnapshot(url, async (client) => {
    const rows = async <R extends object>(sql: string) => (await client.query<R>(sql)).rows;
    const takenAt = Date.now();
    const days = await rows<DayRow>(
      `select id, doctor_id, date::text as date, day_starts_at, next_token_number,
              next_entry_number, event_sequence::int as event_sequence from doctor_day`,
    );
    const slots = await rows<SlotRow>(
      `select id, doctor_day_id, starts_at, ends_at, local_start, local_end, capacity, occupancy
         from slot order by doctor_day_id, starts_at`,
    );
    const tokens = await rows<TokenRow>('select * from token order by doctor_day_id, number');
    const entries = await rows<EntryRow>(
      'select * from waitlist_entry order by doctor_day_id, entry_number',
    );
    const patients = await rows<{ id: string; phone: string }>('select id, phone from patient');
    const idempotency = await rows<IdempotencyRow>(
      'select caller, request_id, method, response from idempotency_record',
    );
    const outbox = await rows<Omit<OutboxRow, 'envelope'>>(
      `select id, doctor_day_id, sequence::int as sequence, event_type, payload,
              published_at is not null as published
         from outbox_event order by doctor_day_id, sequence`,
    );
    return {
      takenAt,
      days,
      slots,
      tokens,
      entries,
      tokenById: new Map(tokens.map((t) => [t.id, t])),
      entryById: new Map(entries.map((e) => [e.id, e])),
      phones: new Map(patients.map((p) => [p.id, p.phone])),
      idempotency,
      outbox: outbox.map((row) => ({ ...row, envelope: EventEnvelope.decode(row.payload) })),
    };
  });
}
