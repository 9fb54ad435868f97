import type { EventEnvelope } from '@opd/api';
import type pg from 'pg';
import { DAY_COLUMNS, dayColumns, dayRowFromSql, type DaySqlRow } from '../db/doctor-day-rows.js';
import { inPgTransaction } from '../db/pg-transaction.js';
import { Statement } from '../db/statement.js';
import {
  TOKEN_COLUMNS,
  tokenColumns,
  tokenRowFromSql,
  type TokenSqlRow,
} from '../db/token-rows.js';
import { project, tokensReadBy, type DayChange, type DayState } from '../projections/project.js';
import { ProjectionError } from '../projections/projection-error.js';
import type { TokenRow } from '../projections/rows.js';
import { sequenceVerdict } from '../projections/sequence-gate.js';
import { eventTypeOf } from './event-message.js';

export type ApplyOutcome =
  | { readonly kind: 'applied' }
  /** A copy of an event already in the read model: nothing changed. */
  | { readonly kind: 'duplicate' }
  /** The event overtook a missing one of its doctor-day: nothing changed, try again later. */
  | { readonly kind: 'gap'; readonly appliedSequence: number };

interface Delivery {
  readonly streamSequence: number;
  readonly appliedAt: Date;
}

/**
 * Applies one event in one transaction together with the record that it was applied: the
 * doctor-day's position row is locked first, so copies of an event (redelivered, published
 * twice, or seen by two instances at once) are recognised by their sequence, and the event id
 * is remembered as a second guard. Five round trips (begin, lock, read, write, commit), with
 * prepared statements.
 */
export async function applyEvent(
  pool: pg.Pool,
  event: EventEnvelope,
  delivery: Delivery,
): Promise<ApplyOutcome> {
  return inPgTransaction(pool, async (client) => {
    const position = await lockPosition(client, event.doctorDayId);
    const verdict = sequenceVerdict(position.appliedSequence, event.sequence);
    if (verdict === 'duplicate') return { kind: 'duplicate' };
    if (verdict === 'gap') return { kind: 'gap', appliedSequence: position.appliedSequence };
    const change = project(await loadState(client, event), event);
    const write = writeStatement(event, change, delivery);
    const { rows } = await client.query<{ recorded: string }>(write);
    if (Number(rows[0]?.recorded) !== 1) {
      throw new ProjectionError(`event ${event.eventId} was already applied at another sequence`);
    }
    return { kind: 'applied' };
  });
}

/**
 * The doctor-day's position, its row created at 0 for the day's first event and locked until
 * the transaction ends (the upsert takes the row lock in one round trip). Reads of the day's
 * rows must come in later statements, which see what the lock holder before us committed.
 */
export async function lockPosition(
  client: pg.PoolClient,
  doctorDayId: string,
): Promise<{ appliedSequence: number }> {
  const { rows } = await client.query<{ applied_sequence: string }>({
    name: 'reporting-lock-position',
    text: `insert into event_position as p (doctor_day_id) values ($1)
           on conflict (doctor_day_id) do update set doctor_day_id = p.doctor_day_id
           returning p.applied_sequence`,
    values: [doctorDayId],
  });
  return { appliedSequence: Number(rows[0]?.applied_sequence ?? 0) };
}

/** The day's row and the tokens the event reads, in one query. */
async function loadState(client: pg.PoolClient, event: EventEnvelope): Promise<DayState> {
  const ids = tokensReadBy(event).filter((id) => UUID.test(id));
  const { rows } = await client.query<{ day: DaySqlRow | null; tokens: TokenSqlRow[] }>({
    name: 'reporting-load-state',
    text: `select (select to_json(d) from (select ${DAY_COLUMNS} from doctor_day d
                                      where d.doctor_day_id = $1) d) as day,
            (select coalesce(json_agg(t), '[]') from (select ${TOKEN_COLUMNS} from token_record t
                                                       where t.token_id = any($2::uuid[])) t) as tokens`,
    values: [event.doctorDayId, ids],
  });
  const tokens = new Map<string, TokenRow>();
  for (const row of rows[0]?.tokens ?? []) tokens.set(row.token_id, tokenRowFromSql(row));
  const day = rows[0]?.day;
  return { day: day ? dayRowFromSql(day) : undefined, tokens };
}

/**
 * Every write of the event in one statement: the applied record, the changed rows and the
 * day's new position. It says whether the record was new; if not, the caller rolls it all back.
 */
function writeStatement(event: EventEnvelope, change: DayChange, delivery: Delivery) {
  const statement = new Statement();
  const occurredAt = event.occurredAt ?? delivery.appliedAt;
  const p = (value: unknown) => statement.param(value);
  const writes = [
    `applied as (insert into applied_event (event_id, doctor_day_id, sequence, event_type,
                   occurred_at, applied_at, stream_sequence)
       values (${[
         event.eventId,
         event.doctorDayId,
         event.sequence,
         eventTypeOf(event),
         occurredAt,
         delivery.appliedAt,
         delivery.streamSequence,
       ]
         .map(p)
         .join(', ')})
       on conflict (event_id) do nothing returning 1)`,
  ];
  if (change.day) {
    writes.push(
      `day as (${statement.upsert('doctor_day', 'doctor_day_id', dayColumns(change.day))})`,
    );
  }
  change.tokens.forEach((token, i) => {
    writes.push(
      `token_${i} as (${statement.upsert('token_record', 'token_id', tokenColumns(token))})`,
    );
  });
  const text = `with ${writes.join(',\n')}
    update event_position
       set applied_sequence = ${p(event.sequence)}, applied_count = applied_count + 1,
           last_event_id = ${p(event.eventId)}, last_event_occurred_at = ${p(occurredAt)},
           last_applied_at = ${p(delivery.appliedAt)}
     where doctor_day_id = ${p(event.doctorDayId)}
    returning (select count(*) from applied) as recorded`;
  // Named by shape, so each connection plans each shape once.
  const name = `reporting-apply-${change.day ? 'day' : 'no-day'}-${change.tokens.length}`;
  return { name, text, values: statement.values };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
