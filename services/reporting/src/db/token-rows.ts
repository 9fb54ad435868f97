import type { SourceName, StatusName } from '../projections/names.js';
import type { TokenRow } from '../projections/rows.js';
import { instantOf, optionalInstantOf } from './instants.js';

/** Timestamps are read as epoch milliseconds: exports read hundreds of thousands of them. */
const ms = (column: string) => `(extract(epoch from t.${column}) * 1000)::float8 as ${column}`;

/** The select list of a token row, for a query whose token_record alias is `t`. */
export const TOKEN_COLUMNS = [
  't.token_id',
  't.doctor_day_id',
  't.doctor_id',
  "to_char(t.date, 'YYYY-MM-DD') as date",
  't.token_number',
  't.doctor_display_name',
  't.department',
  't.patient_id',
  't.slot_id',
  ms('slot_start_time'),
  't.source',
  't.priority',
  't.status',
  ms('request_time'),
  ms('allocate_time'),
  ms('check_in_time'),
  ms('complete_time'),
  ms('cancel_time'),
  ms('no_show_time'),
  ms('preempt_time'),
  't.preempted',
  't.promoted',
  ms('call_time'),
  't.skip_count',
  't.recall_count',
  ms('transfer_time'),
  't.transferred_from_token_id',
  't.transferred_to_token_id',
  't.completed_from_call',
].join(', ');

/** A token row as PostgreSQL returns it for {@link TOKEN_COLUMNS}. */
export interface TokenSqlRow {
  readonly token_id: string;
  readonly doctor_day_id: string;
  readonly doctor_id: string;
  readonly date: string;
  readonly token_number: number;
  readonly doctor_display_name: string;
  readonly department: string;
  readonly patient_id: string;
  readonly slot_id: string;
  readonly slot_start_time: number | null;
  readonly source: string;
  readonly priority: number;
  readonly status: string;
  readonly request_time: number;
  readonly allocate_time: number;
  readonly check_in_time: number | null;
  readonly complete_time: number | null;
  readonly cancel_time: number | null;
  readonly no_show_time: number | null;
  readonly preempt_time: number | null;
  readonly preempted: boolean;
  readonly promoted: boolean;
  readonly call_time: number | null;
  readonly skip_count: number;
  readonly recall_count: number;
  readonly transfer_time: number | null;
  readonly transferred_from_token_id: string | null;
  readonly transferred_to_token_id: string | null;
  readonly completed_from_call: boolean;
}

export function tokenRowFromSql(r: TokenSqlRow): TokenRow {
  return {
    tokenId: r.token_id,
    doctorDayId: r.doctor_day_id,
    doctorId: r.doctor_id,
    date: r.date,
    tokenNumber: r.token_number,
    doctorDisplayName: r.doctor_display_name,
    department: r.department,
    patientId: r.patient_id,
    slotId: r.slot_id,
    slotStartTime: optionalInstantOf(r.slot_start_time),
    // The table's check constraints allow only these names.
    source: r.source as SourceName,
    priority: r.priority,
    status: r.status as StatusName,
    requestTime: instantOf(r.request_time),
    allocateTime: instantOf(r.allocate_time),
    checkInTime: optionalInstantOf(r.check_in_time),
    completeTime: optionalInstantOf(r.complete_time),
    cancelTime: optionalInstantOf(r.cancel_time),
    noShowTime: optionalInstantOf(r.no_show_time),
    preemptTime: optionalInstantOf(r.preempt_time),
    preempted: r.preempted,
    promoted: r.promoted,
    callTime: optionalInstantOf(r.call_time),
    skipCount: r.skip_count,
    recallCount: r.recall_count,
    transferTime: optionalInstantOf(r.transfer_time),
    transferredFromTokenId: r.transferred_from_token_id,
    transferredToTokenId: r.transferred_to_token_id,
    completedFromCall: r.completed_from_call,
  };
}

/** A token row as the columns it is written to. */
export function tokenColumns(t: TokenRow): [string, unknown][] {
  return [
    ['token_id', t.tokenId],
    ['doctor_day_id', t.doctorDayId],
    ['doctor_id', t.doctorId],
    ['date', t.date],
    ['token_number', t.tokenNumber],
    ['doctor_display_name', t.doctorDisplayName],
    ['department', t.department],
    ['patient_id', t.patientId],
    ['slot_id', t.slotId],
    ['slot_start_time', t.slotStartTime],
    ['source', t.source],
    ['priority', t.priority],
    ['status', t.status],
    ['request_time', t.requestTime],
    ['allocate_time', t.allocateTime],
    ['check_in_time', t.checkInTime],
    ['complete_time', t.completeTime],
    ['cancel_time', t.cancelTime],
    ['no_show_time', t.noShowTime],
    ['preempt_time', t.preemptTime],
    ['preempted', t.preempted],
    ['promoted', t.promoted],
    ['call_time', t.callTime],
    ['skip_count', t.skipCount],
    ['recall_count', t.recallCount],
    ['transfer_time', t.transferTime],
    ['transferred_from_token_id', t.transferredFromTokenId],
    ['transferred_to_token_id', t.transferredToTokenId],
    ['completed_from_call', t.completedFromCall],
  ];
}
