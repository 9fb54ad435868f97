/**
 * What an export reads per token: every column as PostgreSQL's text, in the order of the
 * fields of `opd.v1.TokenRecord`, fetched as arrays (`rowMode: 'array'`) and never parsed
 * into objects. Instants are whole epoch microseconds: `date_part` works in float8, several
 * times cheaper for the database than `extract`'s numeric, and a float8 of epoch seconds is
 * within a quarter of a microsecond of the stored value, so rounding gives it back exactly.
 * The encoder floors them to milliseconds, as `instantOf` does for ListTokens.
 */
const us = (column: string) => `round(date_part('epoch', t.${column}) * 1000000)::int8`;

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
  us('slot_start_time'),
  't.source',
  't.priority',
  't.status',
  us('request_time'),
  us('allocate_time'),
  us('check_in_time'),
  us('complete_time'),
  us('cancel_time'),
  us('no_show_time'),
  us('preempt_time'),
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
