/**
 * What an export reads per token: every column as PostgreSQL's text, in the order of the
 * fields of `opd.v1.TokenRecord`, fetched as arrays (`rowMode: 'array'`) and never parsed
 * into objects. Instants are whole epoch milliseconds (floored, as `instantOf` does), so the
 * exported Timestamps equal those ListTokens sends.
 */
const ms = (column: string) => `floor(extract(epoch from t.${column}) * 1000)::int8`;

export const EXPORT_COLUMNS = [
  't.token_id',
  't.token_number',
  't.doctor_day_id',
  't.doctor_id',
  't.doctor_display_name',
  't.department',
  "to_char(t.date, 'YYYY-MM-DD')",
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
].join(', ');

/** One exported token: the values of {@link EXPORT_COLUMNS} as text, null where SQL has null. */
export type ExportRow = readonly (string | null)[];

/** Where each value sits in an {@link ExportRow}. */
export const ExportColumn = {
  tokenId: 0,
  tokenNumber: 1,
  doctorDayId: 2,
  doctorId: 3,
  doctorDisplayName: 4,
  department: 5,
  date: 6,
  patientId: 7,
  slotId: 8,
  slotStartTime: 9,
  source: 10,
  priority: 11,
  status: 12,
  requestTime: 13,
  allocateTime: 14,
  checkInTime: 15,
  completeTime: 16,
  cancelTime: 17,
  noShowTime: 18,
  preemptTime: 19,
  preempted: 20,
  promoted: 21,
} as const;
