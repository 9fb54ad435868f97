import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ExportTokensResponse } from '@opd/api';
import type { ExportRow } from '../db/export-columns.js';
import { SOURCE_NAMES, STATUS_NAMES } from '../projections/names.js';
import type { TokenRow } from '../projections/rows.js';
import { tokenRecordOf } from './messages.js';
import { encodeTokenRecords } from './token-record-encoder.js';

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

describe('the export encoder', () => {
  it('writes byte for byte what the generated encoder writes for the same tokens', () => {
    fc.assert(
      fc.property(
        fc.array(tokenRows, { maxLength: 12 }),
        fc.integer({ min: 0, max: 999 }),
        (tokens, micros) => {
          const expected = ExportTokensResponse.encode({
            tokenRecords: tokens.map(tokenRecordOf),
          }).finish();
          const rows = tokens.map((t) => asExportRow(t, micros));
          expect(encodeTokenRecords(rows)).toEqual(Buffer.from(expected));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps a long Devanagari name whole', () => {
    const [token] = fc.sample(tokenRows, { numRuns: 1, seed: 7 });
    if (!token) throw new Error('no sample');
    const named = { ...token, doctorDisplayName: 'डॉ. सुनीता शर्मा '.repeat(20) };
    const decoded = ExportTokensResponse.decode(encodeTokenRecords([asExportRow(named)]));
    expect(decoded.tokenRecords[0]?.doctorDisplayName).toBe(named.doctorDisplayName);
  });
});
