import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ExportTokensResponse } from '@opd/api';
import { BinaryCopyRows } from '../db/binary-copy-rows.js';
import { SOURCE_NAMES, STATUS_NAMES } from '../projections/names.js';
import type { TokenRow } from '../projections/rows.js';
import { tokenRecordOf } from './messages.js';
import { TokenRecordWriter } from './token-record-encoder.js';

// The export's own encoder must write exactly what the generated encoder writes for the same
// token, so a client cannot tell them apart (and ListTokens and ExportTokens agree).

const instant = fc.integer({ min: -2_000_000_000_000, max: 4_000_000_000_000 });
const maybeInstant = fc.option(instant, { nil: null });
const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 30 }));

const tokenRows: fc.Arbitrary<TokenRow> = fc.record({
  tokenId: fc.uuid(),
  doctorDayId: fc.uuid(),
  doctorId: fc.uuid(),
  date: fc.constantFrom('2026-11-27', '2027-01-01', '1999-12-31'),
  tokenNumber: fc.oneof(
    fc.integer({ min: 0, max: 200 }),
    fc.integer({ min: -5, max: 2 ** 31 - 1 }),
  ),
  doctorDisplayName: text,
  department: text,
  patientId: fc.uuid(),
  slotId: fc.uuid(),
  slotStartTime: maybeInstant.map((ms) => (ms === null ? null : new Date(ms))),
  source: fc.constantFrom(...SOURCE_NAMES),
  priority: fc.integer({ min: 0, max: 1_000_000 }),
  status: fc.constantFrom(...STATUS_NAMES),
  requestTime: instant.map((ms) => new Date(ms)),
  allocateTime: instant.map((ms) => new Date(ms)),
  checkInTime: maybeInstant.map((ms) => (ms === null ? null : new Date(ms))),
  completeTime: maybeInstant.map((ms) => (ms === null ? null : new Date(ms))),
  cancelTime: maybeInstant.map((ms) => (ms === null ? null : new Date(ms))),
  noShowTime: maybeInstant.map((ms) => (ms === null ? null : new Date(ms))),
  preemptTime: maybeInstant.map((ms) => (ms === null ? null : new Date(ms))),
  preempted: fc.boolean(),
  promoted: fc.boolean(),
  callTime: maybeInstant.map((ms) => (ms === null ? null : new Date(ms))),
  skipCount: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2 ** 31 - 1 })),
  recallCount: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2 ** 31 - 1 })),
  transferTime: maybeInstant.map((ms) => (ms === null ? null : new Date(ms))),
  transferredFromTokenId: fc.option(fc.uuid(), { nil: null }),
  transferredToTokenId: fc.option(fc.uuid(), { nil: null }),
  completedFromCall: fc.boolean(),
});

/**
 * The token as PostgreSQL sends the export's columns: the packed fields (epoch microseconds,
 * with the sub-millisecond part a Date cannot hold, which both encoders drop; 't'/'f'; an empty
 * field for null), the doctor's name, the department.
 */
type ExportRow = readonly (string | null)[];

function asExportRow(t: TokenRow, micros = 0): ExportRow {
  const ms = (d: Date | null) => (d === null ? null : String(d.getTime() * 1000 + micros));
  const bool = (b: boolean) => (b ? 't' : 'f');
  const packed = [
    t.tokenId,
    String(t.tokenNumber),
    t.doctorDayId,
    t.doctorId,
    t.date,
    t.patientId,
    t.slotId,
    ms(t.slotStartTime),
    t.source,
    String(t.priority),
    t.status,
    ms(t.requestTime),
    ms(t.allocateTime),
    ms(t.checkInTime),
    ms(t.completeTime),
    ms(t.cancelTime),
    ms(t.noShowTime),
    ms(t.preemptTime),
    bool(t.preempted),
    bool(t.promoted),
    ms(t.callTime),
    String(t.skipCount),
    String(t.recallCount),
    ms(t.transferTime),
    t.transferredFromTokenId,
    t.transferredToTokenId,
  ].map((field) => field ?? '');
  return [packed.join(','), t.doctorDisplayName, t.department];
}

/** The rows as PostgreSQL's binary COPY sends them: header, tuples of text fields, trailer. */
function binaryCopy(rows: readonly ExportRow[]): Buffer {
  const parts = [Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)];
  for (const row of rows) {
    const count = Buffer.alloc(2);
    count.writeInt16BE(row.length);
    parts.push(count);
    for (const field of row) {
      const bytes = field === null ? Buffer.alloc(0) : Buffer.from(field, 'utf8');
      const length = Buffer.alloc(4);
      length.writeInt32BE(field === null ? -1 : bytes.length);
      parts.push(length, bytes);
    }
  }
  const trailer = Buffer.alloc(2);
  trailer.writeInt16BE(-1);
  return Buffer.concat([...parts, trailer]);
}

/** Parses COPY data cut into chunks at `cuts` and encodes every row into one message. */
function encode(rows: readonly ExportRow[], cuts: readonly number[] = []): Buffer {
  const data = binaryCopy(rows);
  const parser = new BinaryCopyRows(3);
  const writer = new TokenRecordWriter();
  const bounds = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  for (const to of [...bounds, data.length]) {
    parser.push(data.subarray(from, to), (buf) => writer.add(buf, parser.fields));
    from = to;
  }
  expect(parser.ended).toBe(true);
  expect(writer.rows).toBe(rows.length);
  return writer.take();
}

describe('the export encoder', () => {
  it('writes byte for byte what the generated encoder writes for the same tokens, however COPY cut them', () => {
    fc.assert(
      fc.property(
        fc.array(tokenRows, { maxLength: 12 }),
        fc.integer({ min: 0, max: 999 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (tokens, micros, cuts) => {
          const expected = ExportTokensResponse.encode({
            tokenRecords: tokens.map(tokenRecordOf),
          }).finish();
          const rows = tokens.map((t) => asExportRow(t, micros));
          expect(encode(rows, cuts)).toEqual(Buffer.from(expected));
        },
      ),
      { numRuns: 300, endOnFailure: true },
    );
  });

  it('keeps a long Devanagari name whole', () => {
    const [token] = fc.sample(tokenRows, { numRuns: 1, seed: 7 });
    if (!token) throw new Error('no sample');
    const named = { ...token, doctorDisplayName: 'डॉ. सुनीता शर्मा '.repeat(20) };
    const decoded = ExportTokensResponse.decode(encode([asExportRow(named)], [40, 41, 300]));
    expect(decoded.tokenRecords[0]?.doctorDisplayName).toBe(named.doctorDisplayName);
  });

  it('takes a null name or department as empty, and refuses data that is not binary COPY', () => {
    const [token] = fc.sample(tokenRows, { numRuns: 1, seed: 9 });
    if (!token) throw new Error('no sample');
    const [packed = ''] = asExportRow(token);
    const decoded = ExportTokensResponse.decode(encode([[packed, null, null]]));
    expect(decoded.tokenRecords[0]?.doctorDisplayName).toBe('');
    expect(decoded.tokenRecords[0]?.tokenId).toBe(token.tokenId);
    const parser = new BinaryCopyRows(3);
    expect(() =>
      parser.push(Buffer.from('token_id,token_number\n0,1\n', 'latin1'), () => undefined),
    ).toThrow(/PGCOPY/);
  });
});
