import { PACKED_FIELDS, Packed as P, type ExportRow } from '../db/export-columns.js';
import { SOURCE_NAMES, STATUS_NAMES, toProtoSource, toProtoStatus } from '../projections/names.js';

// Export rows → the bytes of an `opd.v1.ExportTokensResponse`, written straight from the text
// PostgreSQL sent: no TokenRecord objects, no Dates, not even a string per field (the packed
// fields are read in place). A million rows through the generated encoder cost more CPU than
// reading them from the database and left the garbage that drove the service's peak memory.
// Checked against the generated encoder (token-record-encoder.prop.test.ts).

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

const SOURCES = SOURCE_NAMES.map((name) => [name, toProtoSource(name)] as const);
const STATUSES = STATUS_NAMES.map((name) => [name, toProtoStatus(name)] as const);

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

/** Where each packed field of the current row starts and ends. */
const FIELDS = PACKED_FIELDS.length;
const starts = new Int32Array(FIELDS);
const ends = new Int32Array(FIELDS);

function split(packed: string): void {
  let field = 0;
  let start = 0;
  for (let i = 0; i < packed.length; i++) {
    if (packed.charCodeAt(i) !== 44) continue;
    starts[field] = start;
    ends[field] = i;
    field += 1;
    start = i + 1;
  }
  starts[field] = start;
  ends[field] = packed.length;
  if (field !== FIELDS - 1) {
    throw new Error(`an export row has ${field + 1} packed fields, not ${FIELDS}`);
  }
}

/** The integer in packed field `f`, or undefined when the field is empty (SQL null). */
function intAt(packed: string, f: number): number | undefined {
  let i = starts[f] as number;
  const end = ends[f] as number;
  if (i === end) return undefined;
  const negative = packed.charCodeAt(i) === 45;
  if (negative) i += 1;
  let value = 0;
  for (; i < end; i++) value = value * 10 + (packed.charCodeAt(i) - 48);
  return negative ? -value : value;
}

function enumAt(packed: string, f: number, names: readonly (readonly [string, number])[]): number {
  const start = starts[f] as number;
  const length = (ends[f] as number) - start;
  for (const [name, value] of names) {
    if (name.length === length && packed.startsWith(name, start)) return value;
  }
  // The table's check constraints allow only known names.
  throw new Error(`not a known name: ${packed.slice(start, start + length)}`);
}

/** google.protobuf.Timestamp of epoch microseconds, at a Date's precision (ts-proto's way). */
function timestamp(micros: number): { seconds: number; nanos: number; size: number } {
  const ms = Math.floor(micros / 1000);
  const seconds = Math.trunc(ms / 1000);
  const nanos = (ms % 1000) * 1_000_000;
  const size =
    (seconds === 0 ? 0 : 1 + varintSize(seconds)) + (nanos === 0 ? 0 : 1 + varintSize(nanos));
  return { seconds, nanos, size };
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

  tag(field: number, wire: number): void {
    this.varint((field << 3) | wire);
  }
}

const out = new Output();

/** Sizes of one row's parts, computed before writing (a record's length goes in front). */
interface Sizes {
  name: number;
  department: number;
  body: number;
}

function measure(packed: string, name: string, department: string): Sizes {
  let body = 0;
  for (const [f, field] of TEXT) {
    const length = (ends[f] as number) - (starts[f] as number);
    if (length > 0) body += tagSize(field) + varintSize(length) + length;
  }
  const nameBytes = Buffer.byteLength(name, 'utf8');
  const departmentBytes = Buffer.byteLength(department, 'utf8');
  if (nameBytes > 0) body += 1 + varintSize(nameBytes) + nameBytes;
  if (departmentBytes > 0) body += 1 + varintSize(departmentBytes) + departmentBytes;
  for (const [f, field] of INSTANTS) {
    const micros = intAt(packed, f);
    if (micros === undefined) continue;
    const size = timestamp(micros).size;
    body += tagSize(field) + varintSize(size) + size;
  }
  const ints = [
    [intAt(packed, P.tokenNumber) ?? 0, F.tokenNumber],
    [enumAt(packed, P.source, SOURCES), F.source],
    [intAt(packed, P.priority) ?? 0, F.priority],
    [enumAt(packed, P.status, STATUSES), F.status],
    [intAt(packed, P.skipCount) ?? 0, F.skipCount],
    [intAt(packed, P.recallCount) ?? 0, F.recallCount],
  ] as const;
  for (const [value, field] of ints) if (value !== 0) body += tagSize(field) + varintSize(value);
  if (packed.charCodeAt(starts[P.preempted] as number) === 116) body += 3;
  if (packed.charCodeAt(starts[P.promoted] as number) === 116) body += 3;
  return { name: nameBytes, department: departmentBytes, body };
}

function writeAscii(packed: string, f: number, field: number): void {
  const start = starts[f] as number;
  const end = ends[f] as number;
  if (start === end) return;
  out.tag(field, DELIMITED);
  out.varint(end - start);
  const buf = out.buf;
  let pos = out.pos;
  for (let i = start; i < end; i++) buf[pos++] = packed.charCodeAt(i);
  out.pos = pos;
}

function writeUtf8(text: string, bytes: number, field: number): void {
  if (bytes === 0) return;
  out.tag(field, DELIMITED);
  out.varint(bytes);
  out.pos += out.buf.write(text, out.pos, bytes, 'utf8');
}

function writeInt(value: number | undefined, field: number): void {
  if (!value) return;
  out.tag(field, VARINT);
  out.varint(value);
}

function writeInstant(packed: string, f: number, field: number): void {
  const micros = intAt(packed, f);
  if (micros === undefined) return;
  const { seconds, nanos, size } = timestamp(micros);
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

function writeTrue(packed: string, f: number, field: number): void {
  if (packed.charCodeAt(starts[f] as number) !== 116) return;
  out.tag(field, VARINT);
  out.varint(1);
}

/** Writes the fields in field-number order, as the generated encoder does. */
function writeRecord(packed: string, name: string, department: string, sizes: Sizes): void {
  writeAscii(packed, P.tokenId, F.tokenId);
  writeInt(intAt(packed, P.tokenNumber), F.tokenNumber);
  writeAscii(packed, P.doctorDayId, F.doctorDayId);
  writeAscii(packed, P.doctorId, F.doctorId);
  writeUtf8(name, sizes.name, F.doctorDisplayName);
  writeUtf8(department, sizes.department, F.department);
  writeAscii(packed, P.date, F.date);
  writeAscii(packed, P.patientId, F.patientId);
  writeAscii(packed, P.slotId, F.slotId);
  writeInstant(packed, P.slotStartTime, F.slotStartTime);
  writeInt(enumAt(packed, P.source, SOURCES), F.source);
  writeInt(intAt(packed, P.priority), F.priority);
  writeInt(enumAt(packed, P.status, STATUSES), F.status);
  for (let i = 0; i < 7; i++) writeInstant(packed, P.requestTime + i, F.requestTime + i);
  writeTrue(packed, P.preempted, F.preempted);
  writeTrue(packed, P.promoted, F.promoted);
  writeInstant(packed, P.callTime, F.callTime);
  writeInt(intAt(packed, P.skipCount), F.skipCount);
  writeInt(intAt(packed, P.recallCount), F.recallCount);
  writeInstant(packed, P.transferTime, F.transferTime);
  writeAscii(packed, P.transferredFromTokenId, F.transferredFromTokenId);
  writeAscii(packed, P.transferredToTokenId, F.transferredToTokenId);
}

/** The bytes of an ExportTokensResponse holding `rows` as its token_records (field 1). */
export function encodeTokenRecords(rows: readonly ExportRow[]): Buffer {
  out.pos = 0;
  for (const [packed = '', name = '', department = ''] of rows) {
    split(packed ?? '');
    const sizes = measure(packed ?? '', name ?? '', department ?? '');
    // Tag and length (at most 1 + 5 bytes) in front of the body.
    out.reserve(sizes.body + 6);
    out.tag(1, DELIMITED);
    out.varint(sizes.body);
    const end = out.pos + sizes.body;
    writeRecord(packed ?? '', name ?? '', department ?? '', sizes);
    if (out.pos !== end)
      throw new Error(`a token record took ${out.pos - end} bytes more than sized`);
  }
  return Buffer.from(out.buf.subarray(0, out.pos));
}
