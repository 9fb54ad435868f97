// Token records as CSV (RFC 4180): a header row, then one line per token, CRLF line ends.
import type { TokenRecordView } from '../../shared/views.js';

export const CSV_COLUMNS: readonly (readonly [string, (r: TokenRecordView) => unknown])[] = [
  ['date', (r) => r.date],
  ['doctor_id', (r) => r.doctorId],
  ['doctor', (r) => r.doctorDisplayName],
  ['department', (r) => r.department],
  ['token_number', (r) => r.tokenNumber],
  ['token_id', (r) => r.tokenId],
  ['patient_id', (r) => r.patientId],
  ['status', (r) => r.status],
  ['source', (r) => r.source],
  ['priority', (r) => r.priority],
  ['slot_start_time', (r) => r.slotStartTime],
  ['request_time', (r) => r.requestTime],
  ['allocate_time', (r) => r.allocateTime],
  ['check_in_time', (r) => r.checkInTime],
  ['complete_time', (r) => r.completeTime],
  ['cancel_time', (r) => r.cancelTime],
  ['no_show_time', (r) => r.noShowTime],
  ['preempt_time', (r) => r.preemptTime],
  ['preempted', (r) => r.preempted],
  ['promoted', (r) => r.promoted],
];

/** One CSV field: quoted when it holds a comma, quote or line break; null is empty. */
export function csvField(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvHeader = (): string => `${CSV_COLUMNS.map(([name]) => name).join(',')}\r\n`;

export const csvRow = (record: TokenRecordView): string =>
  `${CSV_COLUMNS.map(([, read]) => csvField(read(record))).join(',')}\r\n`;
