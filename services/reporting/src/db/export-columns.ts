/**
 * What an export reads per token, in three text columns read through binary COPY and never
 * parsed into strings or objects: every field that is ASCII by construction (ids,
 * numbers, the date, enum names, instants, flags) joined by commas in the order of
 * `opd.v1.TokenRecord`'s fields, then the doctor's name and the department, which may hold
 * any character. Three fields a row instead of twenty-eight keep PostgreSQL's work and the
 * parsing small. A missing instant is an empty field. Instants are whole epoch
 * microseconds: `date_part` works in float8, several times cheaper for the database than
 * `extract`'s numeric, and a float8 of epoch seconds is within a quarter of a microsecond of
 * the stored value, so rounding gives it back exactly. The encoder floors them to
 * milliseconds, as `instantOf` does for ListTokens.
 */
const us = (column: string) => `round(date_part('epoch', t.${column}) * 1000000)::int8`;

/** The comma-joined fields, in this order. */
export const PACKED_FIELDS = [
  't.token_id',
  't.token_number',
  't.doctor_day_id',
  't.doctor_id',
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
  us('call_time'),
  't.skip_count',
  't.recall_count',
  us('transfer_time'),
  't.transferred_from_token_id',
  't.transferred_to_token_id',
] as const;

/** `concat` (unlike `concat_ws`) keeps a null as an empty field, so positions hold. */
export const EXPORT_COLUMNS = `concat(${PACKED_FIELDS.join(", ',', ")}), t.doctor_display_name, t.department`;

/**
 * Where exported rows go as they arrive, encoded in place (by grpc/) into messages of rows.
 * A row is three fields of EXPORT_COLUMNS, given as bounds in a buffer: `fields` holds the
 * start and end of the packed fields, the doctor's name and the department, in that order,
 * (-1, -1) for a null. The bounds are only valid during the call.
 */
export interface ExportEncoder<Message> {
  add(buf: Buffer, fields: Int32Array): void;
  /** Rows added since the last take. */
  readonly rows: number;
  /** The message holding every row added since the last take. */
  take(): Message;
}

/** Where each field sits among the packed ones. */
export const Packed = {
  tokenId: 0,
  tokenNumber: 1,
  doctorDayId: 2,
  doctorId: 3,
  date: 4,
  patientId: 5,
  slotId: 6,
  slotStartTime: 7,
  source: 8,
  priority: 9,
  status: 10,
  requestTime: 11,
  allocateTime: 12,
  checkInTime: 13,
  completeTime: 14,
  cancelTime: 15,
  noShowTime: 16,
  preemptTime: 17,
  preempted: 18,
  promoted: 19,
  callTime: 20,
  skipCount: 21,
  recallCount: 22,
  transferTime: 23,
  transferredFromTokenId: 24,
  transferredToTokenId: 25,
} as const;
