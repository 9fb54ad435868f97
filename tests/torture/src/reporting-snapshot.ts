// The reporting read model as one consistent picture.
import { inSnapshot } from './database.js';

export interface ReportDayRow {
  readonly doctor_day_id: string;
  readonly doctor_id: string;
  readonly date: string;
  readonly slot_count: number;
  readonly capacity: number;
  readonly waitlist_added_count: number;
  readonly waitlist_promoted_count: number;
  readonly waitlist_cancelled_count: number;
  readonly waitlist_expired_count: number;
}

export interface TokenRecordRow {
  readonly token_id: string;
  readonly doctor_day_id: string;
  readonly token_number: number;
  readonly patient_id: string;
  readonly slot_id: string;
  readonly source: string;
  readonly priority: number;
  readonly status: string;
  readonly preempted: boolean;
  readonly promoted: boolean;
}

export interface PositionRow {
  readonly doctor_day_id: string;
  readonly applied_sequence: number;
  readonly applied_count: number;
}

export interface ParkedRow {
  readonly event_id: string | null;
  readonly reason: string;
  readonly error: string;
}

/** An applied event, and when the transaction that applied it committed. */
export interface AppliedRow {
  readonly event_id: string;
  readonly doctor_day_id: string;
  readonly sequence: number;
  /** Milliseconds since the epoch; null if the server keeps no commit timestamps. */
  readonly committed_at: number | null;
}

export interface ReportingSnapshot {
  readonly days: readonly ReportDayRow[];
  readonly tokens: readonly TokenRecordRow[];
  readonly positions: readonly PositionRow[];
  /** Applied event ids, each once (the primary key). */
  readonly appliedEventIds: readonly string[];
  readonly applied: readonly AppliedRow[];
  readonly parked: readonly ParkedRow[];
}

export async function readReporting(url: string): Promise<ReportingSnapshot> {
  return inSnapshot(url, async (client) => {
    const rows = async <R extends object>(sql: string) => (await client.query<R>(sql)).rows;
    return {
      days: await rows<ReportDayRow>(
        `select doctor_day_id, doctor_id, date::text as date, slot_count, capacity,
                waitlist_added_count, waitlist_promoted_count, waitlist_cancelled_count,
                waitlist_expired_count from doctor_day`,
      ),
      tokens: await rows<TokenRecordRow>(
        `select token_id, doctor_day_id, token_number, patient_id, slot_id, source, priority,
                status, preempted, promoted from token_record`,
      ),
      positions: await rows<PositionRow>(
        `select doctor_day_id, applied_sequence::int as applied_sequence,
                applied_count::int as applied_count from event_position`,
      ),
      appliedEventIds: (await rows<{ event_id: string }>('select event_id from applied_event')).map(
        (r) => r.event_id,
      ),
      // The run's servers keep commit timestamps (track_commit_timestamp = on).
      applied: await rows<AppliedRow>(
        `select event_id, doctor_day_id, sequence::int as sequence,
                (extract(epoch from pg_xact_commit_timestamp(xmin)) * 1000)::float8 as committed_at
           from applied_event`,
      ),
      parked: await rows<ParkedRow>('select event_id, reason, error from parked_event'),
    };
  });
}
