import type { DoctorDayRow, TokenRow } from '../projections/rows.js';
import { dayColumns } from './doctor-day-rows.js';
import { tokenColumns } from './token-rows.js';

/** An event a batch applied, as `applied_event` records it. */
export interface AppliedRecord {
  readonly eventId: string;
  readonly doctorDayId: string;
  readonly sequence: number;
  readonly eventType: string;
  readonly occurredAt: Date;
  readonly appliedAt: Date;
  readonly streamSequence: number;
}

/** Where a batch leaves a doctor-day: its new position and what it adds to the counts. */
export interface PositionMove {
  readonly doctorDayId: string;
  readonly appliedSequence: number;
  readonly appliedCount: number;
  readonly lastEventId: string;
  readonly lastEventOccurredAt: Date;
  readonly lastAppliedAt: Date;
}

export interface BatchWrites {
  readonly applied: readonly AppliedRecord[];
  /** The final state of each day row the batch changed, once each. */
  readonly days: readonly DoctorDayRow[];
  /** The final state of each token row the batch changed, once each. */
  readonly tokens: readonly TokenRow[];
  readonly positions: readonly PositionMove[];
}

// The column names, read off the row mappers (which only name columns and read fields).
const DAY_COLUMN_NAMES = dayColumns({} as DoctorDayRow).map(([column]) => column);
const TOKEN_COLUMN_NAMES = tokenColumns({} as TokenRow).map(([column]) => column);

const APPLIED_COLUMNS =
  'event_id, doctor_day_id, sequence, event_type, occurred_at, applied_at, stream_sequence';

/** Rows as JSON objects keyed by column, for `json_populate_recordset`. */
function asJson(rows: readonly (readonly [string, unknown][])[]): string {
  return JSON.stringify(rows.map((row) => Object.fromEntries(row)));
}

function upsert(table: string, key: string, columns: readonly string[], param: string): string {
  const list = columns.join(', ');
  const updates = columns.filter((c) => c !== key).map((c) => `${c} = excluded.${c}`);
  return `insert into ${table} (${list})
      select ${list} from json_populate_recordset(null::${table}, ${param}::json)
      on conflict (${key}) do update set ${updates.join(', ')}`;
}

/**
 * Every write of a batch in one statement: the applied records (an event id already recorded
 * is not written again, and the count returned tells the caller), each changed day and token
 * row once, and the days' new positions. Four parameters whatever the batch's size: one
 * statement text, planned once per connection.
 */
export function batchWriteStatement(writes: BatchWrites): {
  name: string;
  text: string;
  values: unknown[];
} {
  const ctes = [
    `applied as (insert into applied_event (${APPLIED_COLUMNS})
       select ${APPLIED_COLUMNS} from json_populate_recordset(null::applied_event, $1::json)
       on conflict (event_id) do nothing returning 1)`,
    `moved as (update event_position p
        set applied_sequence = x.applied_sequence, applied_count = p.applied_count + x.applied_count,
            last_event_id = x.last_event_id, last_event_occurred_at = x.last_event_occurred_at,
            last_applied_at = x.last_applied_at
       from json_populate_recordset(null::event_position, $2::json) x
      where p.doctor_day_id = x.doctor_day_id returning 1)`,
    `days as (${upsert('doctor_day', 'doctor_day_id', DAY_COLUMN_NAMES, '$3')})`,
    `tokens as (${upsert('token_record', 'token_id', TOKEN_COLUMN_NAMES, '$4')})`,
  ];
  return {
    name: 'reporting-apply-batch',
    // Data-modifying CTEs all run to completion whether or not the final select reads them.
    text: `with ${ctes.join(',\n')} select (select count(*) from applied) as recorded`,
    values: [
      asJson(
        writes.applied.map((a) => [
          ['event_id', a.eventId],
          ['doctor_day_id', a.doctorDayId],
          ['sequence', a.sequence],
          ['event_type', a.eventType],
          ['occurred_at', a.occurredAt],
          ['applied_at', a.appliedAt],
          ['stream_sequence', a.streamSequence],
        ]),
      ),
      asJson(
        writes.positions.map((p) => [
          ['doctor_day_id', p.doctorDayId],
          ['applied_sequence', p.appliedSequence],
          ['applied_count', p.appliedCount],
          ['last_event_id', p.lastEventId],
          ['last_event_occurred_at', p.lastEventOccurredAt],
          ['last_applied_at', p.lastAppliedAt],
        ]),
      ),
      asJson(writes.days.map(dayColumns)),
      asJson(writes.tokens.map(tokenColumns)),
    ],
  };
}
