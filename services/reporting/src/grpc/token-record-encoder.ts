import { ExportColumn as C, type ExportRow } from '../db/export-columns.js';
import { SOURCE_NAMES, STATUS_NAMES, toProtoSource, toProtoStatus } from '../projections/names.js';

// Export rows → the bytes of an `opd.v1.ExportTokensResponse`, written straight from the text
// PostgreSQL sent: no TokenRecord objects, no Dates, no per-field chunks. A million rows
// through the generated encoder cost more CPU than reading them from the database and left
// the garbage that drove the service's peak memory. Checked against the generated encoder
// (token-record-encoder.test.ts).

const Wire = { Varint: 0, Delimited: 2 } as const;
type Wire = (typeof Wire)[keyof typeof Wire];

/** Field numbers of opd.v1.TokenRecord: the export's column index + 1. */
const field = (column: number) => column + 1;
const tag = (column: number, wire: Wire) => (field(column) << 3) | wire;

const SOURCES = new Map<string, number>(SOURCE_NAMES.map((name) => [name, toProtoSource(name)]));
const STATUSES = new Map<string, number>(STATUS_NAMES.map((name) => [name, toProtoStatus(name)]));

/** Columns of text that is ASCII by construction (uuids, dates): bytes = characters. */
const ASCII_TEXT = [C.tokenId, C.doctorDayId, C.doctorId, C.date, C.patientId, C.slotId];
const UTF8_TEXT = [C.doctorDisplayName, C.department];
const INSTANTS = [
  C.slotStartTime,
  C.requestTime,
  C.allocateTime,
  C.checkInTime,
  C.completeTime,
  C.cancelTime,
  C.noShowTime,
  C.preemptTime,
];

/** Bytes a varint takes: unsigned for non-negative values, 10 for negative (int32/int64). */
function varintSize(value: number): number {
  if (value < 0) return 10;
  let size = 1;
  while (value >= 128) {
    value = Math.floor(value / 128);
    size += 1;
  }
  return size;
}

/** A growing buffer that protobuf is written into; one per process, copied out per message. */
class Output {
  buf = Buffer.allocUnsafe(256 * 1024);
  pos = 0;

  reserve(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + bytes));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }

  varint(value: number): void {
    if (value < 0) {
      // int32 and int64 fields carry negative values as 64-bit two's complement.
      let big = BigInt.asUintN(64, BigInt(value));
      for (let i = 0; i < 9; i++, big >>= 7n) this.buf[this.pos++] = Number(big & 0x7fn) | 0x80;
      this.buf[this.pos++] = Number(big);
      return;
    }
    while (value >= 128) {
      this.buf[this.pos++] = (value % 128) | 0x80;
      value = Math.floor(value / 128);
    }
    this.buf[this.pos++] = value;
  }
}

const out = new Output();

/**
 * google.protobuf.Timestamp of epoch microseconds, at the millisecond precision of a Date, as
 * ts-proto's toTimestamp makes it for ListTokens.
 */
function timestampParts(micros: number): { seconds: number; nanos: number; size: number } {
  const ms = Math.floor(micros / 1000);
  const seconds = Math.trunc(ms / 1000);
  const nanos = (ms % 1000) * 1_000_000;
  const size =
    (seconds === 0 ? 0 : 1 + varintSize(seconds)) + (nanos === 0 ? 0 : 1 + varintSize(nanos));
  return { seconds, nanos, size };
}

/** The encoded length of one TokenRecord (its body, without the tag and length in front). */
function recordSize(row: ExportRow): number {
  let size = 0;
  for (const column of ASCII_TEXT) {
    const text = row[column];
    if (text)
      size += varintSize(tag(column, Wire.Delimited)) + varintSize(text.length) + text.length;
  }
  for (const column of UTF8_TEXT) {
    const text = row[column];
    if (!text) continue;
    const bytes = Buffer.byteLength(text, 'utf8');
    size += varintSize(tag(column, Wire.Delimited)) + varintSize(bytes) + bytes;
  }
  for (const column of INSTANTS) {
    const text = row[column];
    if (text === null || text === undefined) continue;
    const body = timestampParts(Number(text)).size;
    size += varintSize(tag(column, Wire.Delimited)) + varintSize(body) + body;
  }
  size += intSize(C.tokenNumber, Number(row[C.tokenNumber]));
  size += intSize(C.priority, Number(row[C.priority]));
  size += intSize(C.source, enumValue(SOURCES, row[C.source]));
  size += intSize(C.status, enumValue(STATUSES, row[C.status]));
  if (row[C.preempted] === 't') size += varintSize(tag(C.preempted, Wire.Varint)) + 1;
  if (row[C.promoted] === 't') size += varintSize(tag(C.promoted, Wire.Varint)) + 1;
  return size;
}

function intSize(column: number, value: number): number {
  return value === 0 ? 0 : varintSize(tag(column, Wire.Varint)) + varintSize(value);
}

function enumValue(values: ReadonlyMap<string, number>, name: string | null | undefined): number {
  const value = name ? values.get(name) : undefined;
  // The table's check constraints allow only known names.
  if (value === undefined) throw new Error(`not a known enum name: ${String(name)}`);
  return value;
}

function writeText(column: number, text: string | null | undefined, ascii: boolean): void {
  if (!text) return;
  const bytes = ascii ? text.length : Buffer.byteLength(text, 'utf8');
  out.varint(tag(column, Wire.Delimited));
  out.varint(bytes);
  out.pos += out.buf.write(text, out.pos, bytes, ascii ? 'latin1' : 'utf8');
}

function writeInt(column: number, value: number): void {
  if (value === 0) return;
  out.varint(tag(column, Wire.Varint));
  out.varint(value);
}

function writeInstant(column: number, text: string | null | undefined): void {
  if (text === null || text === undefined) return;
  const { seconds, nanos, size } = timestampParts(Number(text));
  out.varint(tag(column, Wire.Delimited));
  out.varint(size);
  if (seconds !== 0) {
    out.varint(1 << 3);
    out.varint(seconds);
  }
  if (nanos !== 0) {
    out.varint(2 << 3);
    out.varint(nanos);
  }
}

function writeTrue(column: number, text: string | null | undefined): void {
  if (text !== 't') return;
  out.varint(tag(column, Wire.Varint));
  out.varint(1);
}

/** Writes the fields in field-number order, as the generated encoder does. */
function writeRecord(row: ExportRow): void {
  writeText(C.tokenId, row[C.tokenId], true);
  writeInt(C.tokenNumber, Number(row[C.tokenNumber]));
  writeText(C.doctorDayId, row[C.doctorDayId], true);
  writeText(C.doctorId, row[C.doctorId], true);
  writeText(C.doctorDisplayName, row[C.doctorDisplayName], false);
  writeText(C.department, row[C.department], false);
  writeText(C.date, row[C.date], true);
  writeText(C.patientId, row[C.patientId], true);
  writeText(C.slotId, row[C.slotId], true);
  writeInstant(C.slotStartTime, row[C.slotStartTime]);
  writeInt(C.source, enumValue(SOURCES, row[C.source]));
  writeInt(C.priority, Number(row[C.priority]));
  writeInt(C.status, enumValue(STATUSES, row[C.status]));
  for (let column = C.requestTime; column <= C.preemptTime; column++) {
    writeInstant(column, row[column]);
  }
  writeTrue(C.preempted, row[C.preempted]);
  writeTrue(C.promoted, row[C.promoted]);
}

/** The bytes of an ExportTokensResponse holding `rows` as its token_records (field 1). */
export function encodeTokenRecords(rows: readonly ExportRow[]): Buffer {
  out.pos = 0;
  for (const row of rows) {
    const size = recordSize(row);
    // Tag and length (at most 1 + 5 bytes) in front of the body.
    out.reserve(size + 6);
    out.varint((1 << 3) | Wire.Delimited);
    out.varint(size);
    const end = out.pos + size;
    writeRecord(row);
    if (out.pos !== end)
      throw new Error(`a token record took ${out.pos - end} bytes more than sized`);
  }
  return Buffer.from(out.buf.subarray(0, out.pos));
}
