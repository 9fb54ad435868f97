import type pg from 'pg';

/** An outbox row that has not been published yet. */
export interface PendingEvent {
  readonly id: string;
  readonly doctorDayId: string;
  readonly sequence: number;
  readonly eventType: string;
  /** The encoded opd.v1.EventEnvelope. */
  readonly payload: Uint8Array;
  readonly createdAt: Date;
}

export interface Backlog {
  /** Outbox rows not yet published. */
  readonly count: number;
  /** When the oldest of them was written; null when there are none. */
  readonly oldestCreatedAt: Date | null;
}

export type ClaimResult =
  { readonly claimed: false } | { readonly claimed: true; readonly rows: number };

interface EventRow {
  id: string;
  doctor_day_id: string;
  sequence: string;
  event_type: string;
  payload: Buffer;
  created_at: Date;
}

/**
 * The relay's SQL. Every lock is transaction-scoped: the advisory lock that gives one relay
 * a doctor-day is taken inside the transaction that reads its rows and marks them, and is
 * released by that transaction's commit or rollback, never held on an idle connection.
 */
export class OutboxStore {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  /**
   * Doctor-days with unpublished events, the longest-waiting first. Work is found by
   * "not yet published", never by "id after the last one seen": rows commit out of order.
   */
  async pendingDoctorDays(limit: number): Promise<string[]> {
    const result = await this.#pool.query<{ doctor_day_id: string }>(
      `select doctor_day_id from outbox_event where published_at is null
        group by doctor_day_id order by min(created_at) limit $1`,
      [limit],
    );
    return result.rows.map((row) => row.doctor_day_id);
  }

  /**
   * In one transaction: tries the doctor-day's advisory lock (returns `claimed: false` at once
   * if another relay holds it), reads up to `limit` unpublished events in sequence order, lets
   * `publish` publish them, and marks the ids it returns as published before committing.
   * Nothing is marked if `publish` throws.
   */
  async claimDoctorDay(
    doctorDayId: string,
    limit: number,
    publish: (events: readonly PendingEvent[]) => Promise<readonly string[]>,
  ): Promise<ClaimResult> {
    const client = await this.#pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('begin');
      try {
        const lock = await client.query<{ locked: boolean }>(
          `select pg_try_advisory_xact_lock(hashtext('opd_outbox'), hashtext($1::text)) as locked`,
          [doctorDayId],
        );
        if (lock.rows[0]?.locked !== true) {
          await client.query('rollback');
          return { claimed: false };
        }
        const result = await client.query<EventRow>(
          `select id, doctor_day_id, sequence, event_type, payload, created_at from outbox_event
            where doctor_day_id = $1 and published_at is null order by sequence limit $2`,
          [doctorDayId, limit],
        );
        const published = await publish(result.rows.map(toPendingEvent));
        if (published.length > 0) {
          await client.query(
            `update outbox_event set published_at = now() where id = any($1::uuid[]) and published_at is null`,
            [published],
          );
        }
        await client.query('commit');
        return { claimed: true, rows: result.rows.length };
      } catch (error) {
        await client.query('rollback').catch((rollbackError: unknown) => {
          broken = rollbackError instanceof Error ? rollbackError : new Error('rollback failed');
        });
        throw error;
      }
    } finally {
      client.release(broken);
    }
  }

  async backlog(): Promise<Backlog> {
    const result = await this.#pool.query<{ count: string; oldest: Date | null }>(
      `select count(*) as count, min(created_at) as oldest from outbox_event where published_at is null`,
    );
    const row = result.rows[0];
    return { count: Number(row?.count ?? 0), oldestCreatedAt: row?.oldest ?? null };
  }

  /**
   * Deletes published rows older than `olderThanDays`, `batchSize` rows per statement (each
   * its own short transaction) so a large purge never holds many locks or a long transaction.
   * `shouldContinue` is asked between batches. Returns the number of rows deleted.
   */
  async purgePublished(
    olderThanDays: number,
    batchSize: number,
    shouldContinue: () => boolean = () => true,
  ): Promise<number> {
    let total = 0;
    for (;;) {
      const result = await this.#pool.query(
        `delete from outbox_event where id in (
           select id from outbox_event
            where published_at is not null and published_at < now() - $1::float8 * interval '1 day'
            limit $2)`,
        [olderThanDays, batchSize],
      );
      const deleted = result.rowCount ?? 0;
      total += deleted;
      if (deleted < batchSize || !shouldContinue()) return total;
    }
  }
}

function toPendingEvent(row: EventRow): PendingEvent {
  return {
    id: row.id,
    doctorDayId: row.doctor_day_id,
    sequence: Number(row.sequence),
    eventType: row.event_type,
    payload: row.payload,
    createdAt: row.created_at,
  };
}
