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

/** A doctor-day with unpublished events, and the last of them. */
export interface PendingDoctorDay {
  readonly doctorDayId: string;
  readonly lastSequence: number;
}

/** Where a read of one doctor-day's unpublished events starts. */
export interface EventRead {
  readonly doctorDayId: string;
  /** Events after this sequence (0: from the first unpublished one). */
  readonly after: number;
}

interface EventRow {
  id: string;
  doctor_day_id: string;
  sequence: string;
  event_type: string;
  payload: Buffer;
  created_at: Date;
}

/**
 * The relay's SQL on its pool: finding doctor-days with work, reading their events, marking
 * them published, and housekeeping. Which relay may publish a doctor-day is decided
 * elsewhere (`doctor-day-claims.ts`).
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
  async pendingDoctorDays(limit: number): Promise<PendingDoctorDay[]> {
    const result = await this.#pool.query<{ doctor_day_id: string; last_sequence: string }>({
      name: 'outbox-pending-days',
      text: `select doctor_day_id, max(sequence) as last_sequence from outbox_event
              where published_at is null
              group by doctor_day_id order by min(created_at) limit $1`,
      values: [limit],
    });
    return result.rows.map((row) => ({
      doctorDayId: row.doctor_day_id,
      lastSequence: Number(row.last_sequence),
    }));
  }

  /**
   * Up to `limit` unpublished events of each doctor-day asked for, in sequence order, in one
   * query. Call it only for doctor-days whose claim is held, after taking it: this statement's
   * snapshot then shows what the claim's previous holder marked.
   */
  async readEvents(reads: readonly EventRead[], limit: number): Promise<PendingEvent[][]> {
    const result = await this.#pool.query<EventRow>({
      name: 'outbox-read-events',
      text: `select e.id, e.doctor_day_id, e.sequence, e.event_type, e.payload, e.created_at
               from unnest($1::uuid[], $2::bigint[]) as r(doctor_day_id, after)
               cross join lateral (
                 select * from outbox_event o
                  where o.doctor_day_id = r.doctor_day_id and o.published_at is null
                    and o.sequence > r.after
                  order by o.sequence limit $3) e`,
      values: [reads.map((r) => r.doctorDayId), reads.map((r) => r.after), limit],
    });
    const byDay = new Map<string, PendingEvent[]>();
    for (const row of result.rows) {
      const events = byDay.get(row.doctor_day_id) ?? [];
      events.push(toPendingEvent(row));
      byDay.set(row.doctor_day_id, events);
    }
    // Rows of one day come in sequence order from the lateral subquery; keep it explicit.
    return reads.map((r) =>
      (byDay.get(r.doctorDayId) ?? []).sort((x, y) => x.sequence - y.sequence),
    );
  }

  /**
   * Marks events JetStream acknowledged as published, each with the moment of its
   * acknowledgement (the relay's clock); marking one twice changes nothing.
   */
  async markPublished(ids: readonly string[], acknowledgedAt: readonly Date[]): Promise<void> {
    await this.#pool.query({
      name: 'outbox-mark-published-at',
      text: `update outbox_event o set published_at = m.at
               from unnest($1::uuid[], $2::timestamptz[]) as m(id, at)
              where o.id = m.id and o.published_at is null`,
      values: [ids, acknowledgedAt],
    });
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
