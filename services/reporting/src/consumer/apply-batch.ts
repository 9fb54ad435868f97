import type { EventEnvelope } from '@opd/api';
import type pg from 'pg';
import { batchWriteStatement, type AppliedRecord, type PositionMove } from '../db/batch-write.js';
import { DAY_COLUMNS, dayRowFromSql, type DaySqlRow } from '../db/doctor-day-rows.js';
import { inPgTransaction } from '../db/pg-transaction.js';
import { TOKEN_COLUMNS, tokenRowFromSql, type TokenSqlRow } from '../db/token-rows.js';
import { project, tokensReadBy } from '../projections/project.js';
import { ProjectionError } from '../projections/projection-error.js';
import type { DoctorDayRow, TokenRow } from '../projections/rows.js';
import { sequenceVerdict } from '../projections/sequence-gate.js';
import type { ApplyOutcome } from './apply-event.js';
import { eventTypeOf } from './event-message.js';

/** An event of a batch and where the stream holds it. */
export interface BatchDelivery {
  readonly event: EventEnvelope;
  readonly streamSequence: number;
}

/**
 * Applies a batch of events in one transaction, with the same rules as one event at a time:
 * every doctor-day of the batch has its position row locked first (in id order, so batches
 * of other instances cannot deadlock with this one), each event is gated by its day's
 * position, projected on the rows as the batch's earlier events left them, and everything is
 * written in one statement with the applied records. One day's events are applied in
 * sequence order, whatever their order in the batch. Throws (and changes nothing) if any
 * event cannot be applied: the caller then applies the batch one event at a time, so only
 * the bad event is retried and parked. Returns each delivery's outcome, in the given order.
 */
export async function applyBatch(
  pool: pg.Pool,
  deliveries: readonly BatchDelivery[],
  appliedAt: Date,
): Promise<ApplyOutcome[]> {
  return inPgTransaction(pool, async (client) => {
    const positions = await lockPositions(client, deliveries);
    const state = await loadBatchState(client, deliveries);
    const outcomes: ApplyOutcome[] = [];
    const applied: AppliedRecord[] = [];
    const moves = new Map<string, PositionMove>();
    const changedDays = new Set<string>();
    const changedTokens = new Set<string>();
    for (const i of inSequenceOrder(deliveries)) {
      const { event, streamSequence } = deliveries[i] as BatchDelivery;
      const day = event.doctorDayId;
      const position = positions.get(day) ?? 0;
      const verdict = sequenceVerdict(position, event.sequence);
      if (verdict !== 'apply') {
        outcomes[i] =
          verdict === 'duplicate'
            ? { kind: 'duplicate' }
            : { kind: 'gap', appliedSequence: position };
        continue;
      }
      const change = project({ day: state.days.get(day), tokens: state.tokens }, event);
      if (change.day) {
        state.days.set(day, change.day);
        changedDays.add(day);
      }
      for (const token of change.tokens) {
        state.tokens.set(token.tokenId, token);
        changedTokens.add(token.tokenId);
      }
      const occurredAt = event.occurredAt ?? appliedAt;
      applied.push({
        eventId: event.eventId,
        doctorDayId: day,
        sequence: event.sequence,
        eventType: eventTypeOf(event),
        occurredAt,
        appliedAt,
        streamSequence,
      });
      moves.set(day, {
        doctorDayId: day,
        appliedSequence: event.sequence,
        appliedCount: (moves.get(day)?.appliedCount ?? 0) + 1,
        lastEventId: event.eventId,
        lastEventOccurredAt: occurredAt,
        lastAppliedAt: appliedAt,
      });
      positions.set(day, event.sequence);
      outcomes[i] = { kind: 'applied' };
    }
    if (applied.length === 0) return outcomes;
    const write = batchWriteStatement({
      applied,
      days: [...changedDays].map((id) => state.days.get(id) as DoctorDayRow),
      tokens: [...changedTokens].map((id) => state.tokens.get(id) as TokenRow),
      positions: [...moves.values()],
    });
    const { rows } = await client.query<{ recorded: string }>(write);
    if (Number(rows[0]?.recorded) !== applied.length) {
      throw new ProjectionError('an event of the batch was already applied at another sequence');
    }
    return outcomes;
  });
}

/** The deliveries' indexes with each doctor-day's events in sequence order. */
function inSequenceOrder(deliveries: readonly BatchDelivery[]): number[] {
  const indexes = deliveries.map((_, i) => i);
  const at = (i: number) => (deliveries[i] as BatchDelivery).event;
  return indexes.sort((a, b) => {
    const [x, y] = [at(a), at(b)];
    if (x.doctorDayId !== y.doctorDayId) return x.doctorDayId < y.doctorDayId ? -1 : 1;
    return x.sequence - y.sequence;
  });
}

/**
 * Each doctor-day's position, its row created at 0 for a day's first event and locked until
 * the transaction ends. The day's rows are read in later statements, which see what the lock's
 * previous holder committed.
 */
async function lockPositions(
  client: pg.PoolClient,
  deliveries: readonly BatchDelivery[],
): Promise<Map<string, number>> {
  const days = [...new Set(deliveries.map((d) => d.event.doctorDayId))].sort();
  const { rows } = await client.query<{ doctor_day_id: string; applied_sequence: string }>({
    name: 'reporting-lock-positions',
    text: `insert into event_position as p (doctor_day_id)
             select day from unnest($1::uuid[]) day order by day
           on conflict (doctor_day_id) do update set doctor_day_id = p.doctor_day_id
           returning p.doctor_day_id, p.applied_sequence`,
    values: [days],
  });
  return new Map(rows.map((r) => [r.doctor_day_id, Number(r.applied_sequence)]));
}

/** The batch's day rows and every token its events read, in one query. */
async function loadBatchState(
  client: pg.PoolClient,
  deliveries: readonly BatchDelivery[],
): Promise<{ days: Map<string, DoctorDayRow>; tokens: Map<string, TokenRow> }> {
  const days = [...new Set(deliveries.map((d) => d.event.doctorDayId))];
  const tokenIds = [
    ...new Set(deliveries.flatMap((d) => tokensReadBy(d.event).filter((id) => UUID.test(id)))),
  ];
  const { rows } = await client.query<{ days: DaySqlRow[]; tokens: TokenSqlRow[] }>({
    name: 'reporting-load-batch',
    text: `select (select coalesce(json_agg(d), '[]') from (select ${DAY_COLUMNS} from doctor_day d
                    where d.doctor_day_id = any($1::uuid[])) d) as days,
                  (select coalesce(json_agg(t), '[]') from (select ${TOKEN_COLUMNS} from token_record t
                    where t.token_id = any($2::uuid[])) t) as tokens`,
    values: [days, tokenIds],
  });
  const loaded = rows[0];
  return {
    days: new Map((loaded?.days ?? []).map((d) => [d.doctor_day_id, dayRowFromSql(d)])),
    tokens: new Map((loaded?.tokens ?? []).map((t) => [t.token_id, tokenRowFromSql(t)])),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
