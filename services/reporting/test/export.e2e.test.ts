import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { status } from '@grpc/grpc-js';
import { Source, TokenStatus, type ExportTokensRequest, type TokenRecord } from '@opd/api';
import { expectRefused } from '@opd/service-runtime/testing';
import { tokenRecordOf } from '../src/grpc/messages.js';
import { insertBulkTokens } from './support/bulk-tokens.js';
import { aDayOfTokens, Feed, tokensInListOrder } from './support/fixtures.js';
import { startHarness, type Harness, type ReportingClient } from './support/harness.js';
import { firstOf } from './support/streams.js';

let h: Harness;
let reports: ReportingClient;

beforeAll(async () => {
  h = await startHarness({ env: { OPD_REPORTING_MAX_EXPORTS: '1' } });
  reports = h.client('reporting');
  // A year's worth of a busy department, straight into the read model: 100,000 tokens.
  await insertBulkTokens(h.app().orm, {
    firstDate: '2027-01-01',
    days: 50,
    doctors: 4,
    tokensPerDay: 500,
  });
}, 30_000);
afterAll(async () => {
  await h.stop();
});

const request = (overrides: Partial<ExportTokensRequest> = {}): ExportTokensRequest => ({
  startDate: '2027-01-01',
  endDate: '2027-02-19',
  doctorId: '',
  statuses: [],
  sources: [],
  ...overrides,
});

const key = (t: TokenRecord) => `${t.date}|${t.doctorId}|${String(t.tokenNumber).padStart(6, '0')}`;

describe('exporting tokens', () => {
  it('streams 100,000 tokens complete and in order, from the snapshot taken at the start', async () => {
    let count = 0;
    let batches = 0;
    let largest = 0;
    let previous = '';
    let inOrder = true;
    let first: TokenRecord | undefined;
    let last: TokenRecord | undefined;
    for await (const batch of reports.exportTokens(request(), { timeoutMs: 60_000 })) {
      if (batches === 0) {
        // Written after the export began: not part of its snapshot.
        await insertBulkTokens(h.app().orm, {
          firstDate: '2027-02-19',
          days: 1,
          doctors: 1,
          tokensPerDay: 10,
        });
      }
      batches += 1;
      largest = Math.max(largest, batch.tokenRecords.length);
      for (const record of batch.tokenRecords) {
        const current = key(record);
        if (current <= previous) inOrder = false;
        previous = current;
        first ??= record;
        last = record;
        count += 1;
      }
    }

    expect(count).toBe(100_000);
    expect(inOrder).toBe(true);
    expect(largest).toBe(500);
    expect(batches).toBe(200);
    expect(first).toMatchObject({ date: '2027-01-01', tokenNumber: 1 });
    expect(last).toMatchObject({ date: '2027-02-19', tokenNumber: 500 });
  }, 60_000);

  it('exports what ListTokens lists, with the same filters', async () => {
    const day = aDayOfTokens(30, { date: '2027-03-01' });
    await new Feed(h).apply(day.events);
    const filters = {
      startDate: '2027-03-01',
      endDate: '2027-03-01',
      statuses: [TokenStatus.TOKEN_STATUS_COMPLETED, TokenStatus.TOKEN_STATUS_ALLOCATED],
      sources: [Source.SOURCE_WALK_IN, Source.SOURCE_EMERGENCY],
    };
    const exported: TokenRecord[] = [];
    for await (const batch of reports.exportTokens(request(filters))) {
      exported.push(...batch.tokenRecords);
    }
    const expected = tokensInListOrder([day]).filter(
      (t) =>
        ['COMPLETED', 'ALLOCATED'].includes(t.status) &&
        ['WALK_IN', 'EMERGENCY'].includes(t.source),
    );

    expect(expected.length).toBeGreaterThan(3);
    expect(exported).toEqual(expected.map(tokenRecordOf));
  });

  it('refuses another export while the allowed number are running, and frees it when one ends', async () => {
    const controller = new AbortController();
    const stream = reports.exportTokens(request(), { signal: controller.signal });
    const slow = stream[Symbol.asyncIterator]();
    await slow.next(); // the first batch is here; the client reads no more for now

    await expectRefused(
      firstOf(reports.exportTokens(request({ endDate: '2027-01-01' }))),
      status.RESOURCE_EXHAUSTED,
      'RATE_LIMITED',
    );
    controller.abort();
    await slow.next().catch(() => undefined);
    // The server frees the slot once it sees the cancellation: soon, but not at once.
    const countRows = async () => {
      let rows = 0;
      for await (const batch of reports.exportTokens(request({ endDate: '2027-01-01' }))) {
        rows += batch.tokenRecords.length;
      }
      return rows;
    };
    for (let waited = 0; ; waited += 50) {
      try {
        expect(await countRows()).toBe(2_000);
        break;
      } catch (error) {
        const stillTaken = (error as { code?: number }).code === status.RESOURCE_EXHAUSTED;
        if (!stillTaken || waited > 15_000) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  });

  it('names every bad field of an export request', async () => {
    const refused = await expectRefused(
      firstOf(
        reports.exportTokens(request({ startDate: '', endDate: '2027-13-01', doctorId: 'x' })),
      ),
      status.INVALID_ARGUMENT,
      'FIELD_VIOLATION',
    );

    expect(refused.fieldViolations.map((v) => v.field)).toEqual([
      'start_date',
      'end_date',
      'doctor_id',
    ]);
  });
});
