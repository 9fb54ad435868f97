import { PACKED_FIELDS, Packed as P, type ExportEncoder } from '../db/export-columns.js';
import { SOURCE_NAMES, STATUS_NAMES, toProtoSource, toProtoStatus } from '../projections/names.js';

// Export rows → the bytes of an `opd.v1.ExportTokensResponse`, written straight from the bytes
// PostgreSQL's binary COPY sent: no TokenRecord objects, no Dates, not a single string (fields
// are read and copied in place). A million rows through the generated encoder cost more CPU
// than reading them from the database and left the garbage that drove the service's peak
// memory. Checked against the generated encoder (token-record-encoder.prop.test.ts).

const VARINT = 0;
const DELIMITED = 2;

/** opd.v1.TokenRecord's field numbers. */
const F = {
  tokenId: 1,
  tokenNumber: 2,
  doctorDayId: 3,
  doctorId: 4,
  doctorDisplayName: 5,
  department: 6,
  date: 7,
  patientId: 8,
  slotId: 9,
  slotStartTime: 10,
  source: 11,
  priority: 12,
  status: 13,
  requestTime: 14,
  preempted: 21,
  promoted: 22,
  callTime: 23,
  skipCount: 24,
  recallCount: 25,
  transferTime: 26,
  transferredFromTokenId: 27,
  transferredToTokenId: 28,
} as const;

const tagSize = (field: number) => (field < 16 ? 1 : 2);

const SOURCES = SOURCE_NAMES.map((name) => Buffer.from(name));
const SOURCE_VALUES = SOURCE_NAMES.map(toProtoSource);
const STATUSES = STATUS_NAMES.map((name) => Buffer.from(name));
const STATUS_VALUES = STATUS_NAMES.map(toProtoStatus);

/** Packed ASCII text fields and their field numbers. */
const TEXT: readonly (readonly [number, number])[] = [
  [P.tokenId, F.tokenId],
  [P.doctorDayId, F.doctorDayId],
  [P.doctorId, F.doctorId],
  [P.date, F.date],
  [P.patientId, F.patientId],
  [P.slotId, F.slotId],
  [P.transferredFromTokenId, F.transferredFromTokenId],
  [P.transferredToTokenId, F.transferredToTokenId],
];
/** Packed instants (request time … preempt time are consecutive on both sides). */
const INSTANTS: readonly (readonly [number, number])[] = [
  [P.slotStartTime, F.slotStartTime],
  ...Array.from({ length: 7 }, (_, i) => [P.requestTime + i, F.requestTime + i] as const),
  [P.callTime, F.callTime],
  [P.transferTime, F.transferTime],
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

const FIELDS = PACKED_FIELDS.length;
const COMMA = 44;
const MINUS = 45;
const ZERO = 48;
const TRUE = 116; // 't'

/** Where each packed field of the current row starts and ends in its buffer. */
const starts = new Int32Array(FIELDS);
const ends = new Int32Array(FIELDS);

function split(buf: Buffer, start: number, end: number): void {
  let field = 0;
  let from = start;
  for (let i = start; i < end; i++) {
    if (buf[i] !== COMMA) continue;
    starts[field] = from;
    ends[field] = i;
    field += 1;
    from = i + 1;
  }
  starts[field] = from;
  ends[field] = end;
  if (field !== FIELDS - 1) {
    throw new Error(`an export row has ${field + 1} packed fields, not ${FIELDS}`);
  }
}

/** The integer in packed field `f`, or undefined when the field is empty (SQL null). */
function intAt(buf: Buffer, f: number): number | undefined {
  let i = starts[f] as number;
  const end = ends[f] as number;
  if (i === end) return undefined;
  const negative = buf[i] === MINUS;
  if (negative) i += 1;
  let value = 0;
  for (; i < end; i++) value = value * 10 + ((buf[i] as number) - ZERO);
  return negative ? -value : value;
}

function enumAt(
  buf: Buffer,
  f: number,
  names: readonly Buffer[],
  values: readonly number[],
): number {
  const start = starts[f] as number;
  const length = (ends[f] as number) - start;
  // Loops, not Buffer.compare or iterators: this runs twice a row.
  names: for (let n = 0; n < names.length; n++) {
    const name = names[n] as Buffer;
    if (name.length !== length) continue;
    for (let i = 0; i < length; i++) if (name[i] !== buf[start + i]) continue names;
    return values[n] as number;
  }
  // The table's check constraints allow only known names.
  throw new Error(`not a known name: ${buf.toString('latin1', start, start + length)}`);
}

/** google.protobuf.Timestamp of epoch microseconds, at a Date's precision (ts-proto's way), into `stamp`. */
function timestamp(micros: number): void {
  const ms = Math.floor(micros / 1000);
  const seconds = Math.trunc(ms / 1000);
  const nanos = (ms % 1000) * 1_000_000;
  // Module scratch, not an object per instant: a million rows hold ten million instants.
  stamp.seconds = seconds;
  stamp.nanos = nanos;
  stamp.size =
    (seconds === 0 ? 0 : 1 + varintSize(seconds)) + (nanos === 0 ? 0 : 1 + varintSize(nanos));
}
const stamp = { seconds: 0, nanos: 0, size: 0 };

/** A growing buffer that protobuf is written into; one per export, copied out per message. */
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

  tag(field: number, wire: number): void {
    this.varint((field << 3) | wire);
  }
}

/** Bytes an int field takes (none when zero or absent, as proto3 leaves it out). */
const intSize = (value: number | undefined, field: number): number =>
  value ? tagSize(field) + varintSize(value) : 0;

/** Sizes of one row's parts, computed before writing (a record's length goes in front). */
interface Sizes {
  name: number;
  department: number;
  body: number;
}

/**
 * Encodes exported rows into ExportTokensResponse messages as they arrive, one writer per
 * export (rows of concurrent exports never share a buffer).
 */
export class TokenRecordWriter implements ExportEncoder<Buffer> {
  readonly #out = new Output();
  #rows = 0;

  get rows(): number {
    return this.#rows;
  }

  add(buf: Buffer, fields: Int32Array): void {
    // Bounds of the packed fields, the name and the department; a null is (-1, -1).
    split(buf, fields[0] as number, fields[1] as number);
    const name = Math.max(0, (fields[3] as number) - (fields[2] as number));
    const department = Math.max(0, (fields[5] as number) - (fields[4] as number));
    const sizes = { name, department, body: this.#measure(buf, name, department) };
    const out = this.#out;
    // Tag and length (at most 1 + 5 bytes) in front of the body.
    out.reserve(sizes.body + 6);
    out.tag(1, DELIMITED);
    out.varint(sizes.body);
    const end = out.pos + sizes.body;
    this.#write(buf, fields, sizes);
    if (out.pos !== end) {
      throw new Error(`a token record took ${out.pos - end} bytes more than sized`);
    }
    this.#rows += 1;
  }

  /** The bytes of an ExportTokensResponse holding the rows added since the last take. */
  take(): Buffer {
    const message = Buffer.from(this.#out.buf.subarray(0, this.#out.pos));
    this.#out.pos = 0;
    this.#rows = 0;
    return message;
  }

  #measure(buf: Buffer, name: number, department: number): number {
    let body = 0;
    for (const [f, field] of TEXT) {
      const length = (ends[f] as number) - (starts[f] as number);
      if (length > 0) body += tagSize(field) + varintSize(length) + length;
    }
    if (name > 0) body += 1 + varintSize(name) + name;
    if (department > 0) body += 1 + varintSize(department) + department;
    for (const [f, field] of INSTANTS) {
      const micros = intAt(buf, f);
      if (micros === undefined) continue;
      timestamp(micros);
      body += tagSize(field) + varintSize(stamp.size) + stamp.size;
    }
    body += intSize(intAt(buf, P.tokenNumber), F.tokenNumber);
    body += intSize(enumAt(buf, P.source, SOURCES, SOURCE_VALUES), F.source);
    body += intSize(intAt(buf, P.priority), F.priority);
    body += intSize(enumAt(buf, P.status, STATUSES, STATUS_VALUES), F.status);
    body += intSize(intAt(buf, P.skipCount), F.skipCount);
    body += intSize(intAt(buf, P.recallCount), F.recallCount);
    if (buf[starts[P.preempted] as number] === TRUE) body += 3;
    if (buf[starts[P.promoted] as number] === TRUE) body += 3;
    return body;
  }

  /** Writes the fields in field-number order, as the generated encoder does. */
  #write(buf: Buffer, fields: Int32Array, sizes: Sizes): void {
    this.#bytes(buf, starts[P.tokenId] as number, ends[P.tokenId] as number, F.tokenId);
    this.#int(intAt(buf, P.tokenNumber), F.tokenNumber);
    this.#bytes(buf, starts[P.doctorDayId] as number, ends[P.doctorDayId] as number, F.doctorDayId);
    this.#bytes(buf, starts[P.doctorId] as number, ends[P.doctorId] as number, F.doctorId);
    const nameStart = fields[2] as number;
    this.#bytes(buf, nameStart, nameStart + sizes.name, F.doctorDisplayName);
    const departmentStart = fields[4] as number;
    this.#bytes(buf, departmentStart, departmentStart + sizes.department, F.department);
    this.#bytes(buf, starts[P.date] as number, ends[P.date] as number, F.date);
    this.#bytes(buf, starts[P.patientId] as number, ends[P.patientId] as number, F.patientId);
    this.#bytes(buf, starts[P.slotId] as number, ends[P.slotId] as number, F.slotId);
    this.#instant(buf, P.slotStartTime, F.slotStartTime);
    this.#int(enumAt(buf, P.source, SOURCES, SOURCE_VALUES), F.source);
    this.#int(intAt(buf, P.priority), F.priority);
    this.#int(enumAt(buf, P.status, STATUSES, STATUS_VALUES), F.status);
    for (let i = 0; i < 7; i++) this.#instant(buf, P.requestTime + i, F.requestTime + i);
    this.#true(buf, P.preempted, F.preempted);
    this.#true(buf, P.promoted, F.promoted);
    this.#instant(buf, P.callTime, F.callTime);
    this.#int(intAt(buf, P.skipCount), F.skipCount);
    this.#int(intAt(buf, P.recallCount), F.recallCount);
    this.#instant(buf, P.transferTime, F.transferTime);
    const from = P.transferredFromTokenId;
    this.#bytes(buf, starts[from] as number, ends[from] as number, F.transferredFromTokenId);
    const to = P.transferredToTokenId;
    this.#bytes(buf, starts[to] as number, ends[to] as number, F.transferredToTokenId);
  }

  /** A string field, its bytes (ASCII or UTF-8) copied as they came. */
  #bytes(buf: Buffer, start: number, end: number, field: number): void {
    if (end <= start) return;
    const out = this.#out;
    out.tag(field, DELIMITED);
    out.varint(end - start);
    if (end - start > 64) {
      out.pos += buf.copy(out.buf, out.pos, start, end);
      return;
    }
    // Ids and dates are short: a loop costs less than a native call.
    const target = out.buf;
    let pos = out.pos;
    for (let i = start; i < end; i++) target[pos++] = buf[i] as number;
    out.pos = pos;
  }

  #int(value: number | undefined, field: number): void {
    if (!value) return;
    this.#out.tag(field, VARINT);
    this.#out.varint(value);
  }

  #instant(buf: Buffer, f: number, field: number): void {
    const micros = intAt(buf, f);
    if (micros === undefined) return;
    timestamp(micros);
    const { seconds, nanos, size } = stamp;
    const out = this.#out;
    out.tag(field, DELIMITED);
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

  #true(buf: Buffer, f: number, field: number): void {
    if (buf[starts[f] as number] !== TRUE) return;
    this.#out.tag(field, VARINT);
    this.#out.varint(1);
  }
}
