// The reporting service with bad input: ListTokens, ExportTokens and ListDailySummaries refuse
// malformed dates, ranges, ids, enum values and page tokens by field, and the read model (and
// the allocation tables) stay exactly as they were.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  ExportTokensRequest,
  ListDailySummariesRequest,
  ListTokensRequest,
  Source,
  TokenStatus,
} from '@opd/api';
import { PageTokens } from '@opd/service-runtime';
import fc from 'fast-check';
import {
  badField,
  negativePageSize,
  notADate,
  notAnEnumValue,
  notAPageToken,
  notAUuid,
  RUNS,
  tampered,
} from '../support/arbitraries.js';
import { AllocationDatabase, Database, settled } from '../support/database-state.js';
import { addDays, addDoctor, walkIn } from '../support/hospital.js';
import {
  expectBadField,
  expectNothingWritten,
  expectReadModelUnchanged,
  expectRefusedWith,
} from '../support/refusals.js';
import {
  eventually,
  startStack,
  TODAY,
  type ReportingClient,
  type Stack,
} from '../support/stack.js';

let stack: Stack;
let allocationDb: AllocationDatabase;
let readModel: Database;
let reports: ReportingClient;
let doctorId: string;

const MIB = 1024 * 1024;

beforeAll(async () => {
  stack = await startStack();
  allocationDb = new AllocationDatabase(stack.databaseUrls.allocation);
  readModel = new Database(stack.databaseUrls.reporting);
  reports = stack.reports();
  doctorId = await addDoctor(stack.client('admin'));
  const counter = stack.client('counter');
  for (const days of [0, 0, 1, 1, 2]) {
    await counter.requestToken(walkIn(doctorId, { date: addDays(TODAY, days) }));
  }
  // Everything booked has reached the read model: from here on nothing should change it.
  await eventually(
    () => reports.listTokens(range({ pageSize: 500 })),
    (page) => page.tokenRecords.length === 5,
  );
  await settled(allocationDb, readModel);
});
afterAll(async () => {
  await Promise.all([allocationDb.close(), readModel.close()]);
  await stack.stop();
});

function range(extra: Partial<ListTokensRequest> = {}): ListTokensRequest {
  return {
    startDate: TODAY,
    endDate: addDays(TODAY, 7),
    doctorId: '',
    statuses: [],
    sources: [],
    pageSize: 0,
    pageToken: '',
    ...extra,
  };
}

/** Runs `act` and asserts neither the read model nor the allocation tables changed. */
async function expectNoChange(act: () => Promise<void>): Promise<void> {
  await expectReadModelUnchanged(readModel, () => expectNothingWritten(allocationDb, act));
}

/** An ExportTokens call that resolves once the stream ends, or rejects with its error. */
async function exported(request: ExportTokensRequest): Promise<number> {
  let rows = 0;
  for await (const batch of reports.exportTokens(request)) rows += batch.tokenRecords.length;
  return rows;
}

const filterMethods = [
  ['ListTokens', (extra: Partial<ListTokensRequest>) => reports.listTokens(range(extra))],
  [
    'ExportTokens',
    (extra: Partial<ListTokensRequest>) => {
      const { startDate, endDate, doctorId: doctor, statuses, sources } = range(extra);
      return exported({ startDate, endDate, doctorId: doctor, statuses, sources });
    },
  ],
] as const;

describe.each(filterMethods)('%s', (_method, call) => {
  it.each<[string, string, Partial<ListTokensRequest>]>([
    ['no start date', 'start_date', { startDate: '' }],
    ['no end date', 'end_date', { endDate: '' }],
    ['an end before the start', 'end_date', { endDate: addDays(TODAY, -1) }],
    ['a range of 367 days', 'end_date', { endDate: addDays(TODAY, 366) }],
    ['a doctor id that is not a UUID', 'doctor_id', { doctorId: 'dr-rao' }],
    ['status 0 (unspecified)', 'statuses[0]', { statuses: [0 as TokenStatus] }],
    ['an unknown source after a good one', 'sources[1]', { sources: [4, 99] as Source[] }],
  ])('is refused for %s, naming %s', async (_case, field, extra) => {
    await expectNoChange(async () => {
      await expectBadField(call(extra), field);
    });
  });

  it('refuses any malformed date, doctor id, status or source, naming it', async () => {
    await expectNoChange(async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            badField('start_date', notADate, (startDate: string) => ({ startDate })),
            badField('end_date', notADate, (endDate: string) => ({ endDate })),
            badField('doctor_id', notAUuid, (doctorId: string) => ({ doctorId })),
            badField('statuses[0]', notAnEnumValue(8), (s: number) => ({
              statuses: [s as TokenStatus],
            })),
            badField('sources[0]', notAnEnumValue(5), (s: number) => ({ sources: [s as Source] })),
          ),
          async ({ field, spoil }) => {
            await expectBadField(call(spoil), field);
          },
        ),
        RUNS,
      );
    });
  });

  it('refuses any range longer than a year, naming end_date', async () => {
    await expectNoChange(async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 366, max: 100_000 }), async (days) => {
          await expectBadField(call({ endDate: addDays(TODAY, days) }), 'end_date');
        }),
        { numRuns: 25 },
      );
    });
  });
});

describe('ListTokens paging', () => {
  it('refuses a negative page size and a page token longer than any it issues', async () => {
    await expectNoChange(async () => {
      await fc.assert(
        fc.asyncProperty(negativePageSize, async (pageSize) => {
          await expectBadField(reports.listTokens(range({ pageSize })), 'page_size');
        }),
        RUNS,
      );
      await expectBadField(
        reports.listTokens(range({ pageToken: 'p'.repeat(2049) })),
        'page_token',
      );
    });
  });

  it('refuses a page token that was tampered with, forged or reused with other filters', async () => {
    const { nextPageToken } = await reports.listTokens(range({ pageSize: 2 }));
    expect(nextPageToken).not.toBe('');
    const forged = new PageTokens('not the secret the service was given').issue(
      [TODAY, doctorId, 1],
      'anything',
    );
    await expectNoChange(async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(tampered(nextPageToken), notAPageToken(nextPageToken), fc.constant(forged)),
          async (pageToken) => {
            await expectBadField(
              reports.listTokens(range({ pageSize: 2, pageToken })),
              'page_token',
              'INVALID_PAGE_TOKEN',
            );
          },
        ),
        RUNS,
      );
      for (const other of [
        { doctorId },
        { endDate: addDays(TODAY, 8) },
        { sources: [4 as Source] },
        { statuses: [1 as TokenStatus] },
      ]) {
        await expectBadField(
          reports.listTokens(range({ pageSize: 2, pageToken: nextPageToken, ...other })),
          'page_token',
          'INVALID_PAGE_TOKEN',
        );
      }
    });
  });

  it('refuses a 5 MiB page token with RESOURCE_EXHAUSTED', async () => {
    await expectNoChange(async () => {
      await expectRefusedWith(
        reports.listTokens(range({ pageToken: 'p'.repeat(5 * MIB) })),
        'RESOURCE_EXHAUSTED',
      );
    });
  });
});

describe('ListDailySummaries', () => {
  const summaries = (extra: Partial<ListDailySummariesRequest>) =>
    reports.listDailySummaries({
      startDate: TODAY,
      endDate: addDays(TODAY, 7),
      doctorId: '',
      pageSize: 0,
      pageToken: '',
      ...extra,
    });

  it('refuses malformed dates, a reversed or too-long range, a bad doctor id or page size', async () => {
    await expectNoChange(async () => {
      await expectBadField(summaries({ endDate: addDays(TODAY, -1) }), 'end_date');
      await expectBadField(summaries({ endDate: addDays(TODAY, 366) }), 'end_date');
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            badField('start_date', notADate, (startDate: string) => ({ startDate })),
            badField('end_date', notADate, (endDate: string) => ({ endDate })),
            badField('doctor_id', notAUuid, (doctorId: string) => ({ doctorId })),
            badField('page_size', negativePageSize, (pageSize: number) => ({ pageSize })),
          ),
          async ({ field, spoil }) => {
            await expectBadField(summaries(spoil), field);
          },
        ),
        RUNS,
      );
    });
  });

  it('refuses a page token that was tampered with or reused with other filters', async () => {
    const { nextPageToken } = await summaries({ pageSize: 1 });
    expect(nextPageToken).not.toBe('');
    await expectNoChange(async () => {
      await fc.assert(
        fc.asyncProperty(tampered(nextPageToken), async (pageToken) => {
          await expectBadField(
            summaries({ pageSize: 1, pageToken }),
            'page_token',
            'INVALID_PAGE_TOKEN',
          );
        }),
        RUNS,
      );
      await expectBadField(
        summaries({ pageSize: 1, pageToken: nextPageToken, doctorId }),
        'page_token',
        'INVALID_PAGE_TOKEN',
      );
    });
  });
});
