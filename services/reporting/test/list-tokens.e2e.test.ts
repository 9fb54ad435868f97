import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { status } from '@grpc/grpc-js';
import { Source, TokenStatus, type ListTokensRequest, type TokenRecord } from '@opd/api';
import { expectRefused } from '@opd/service-runtime/testing';
import { tokenRecordOf } from '../src/grpc/messages.js';
import type { DoctorDayScript } from '../src/testing/doctor-day-script.js';
import { aDayOfTokens, Feed, tokensInListOrder } from './support/fixtures.js';
import { startHarness, type Harness, type ReportingClient } from './support/harness.js';

let h: Harness;
let feed: Feed;
let reports: ReportingClient;
const days: DoctorDayScript[] = [];
const doctors = ['a', 'b', 'c'].map(() => crypto.randomUUID());

beforeAll(async () => {
  h = await startHarness();
  feed = new Feed(h);
  reports = h.client('reporting');
  for (const date of ['2026-11-27', '2026-11-28']) {
    for (const doctorId of doctors) days.push(aDayOfTokens(12, { doctorId, date }));
  }
  await feed.apply(days.flatMap((d) => d.events));
});
afterAll(async () => {
  await h.stop();
});

const request = (overrides: Partial<ListTokensRequest> = {}): ListTokensRequest => ({
  startDate: '2026-11-27',
  endDate: '2026-11-28',
  doctorId: '',
  statuses: [],
  sources: [],
  pageSize: 0,
  pageToken: '',
  ...overrides,
});

/** Every page of a listing, following next_page_token; runs `between` after each page. */
async function allPages(
  first: ListTokensRequest,
  between: () => Promise<void> = async () => undefined,
): Promise<TokenRecord[][]> {
  const pages: TokenRecord[][] = [];
  let pageToken = '';
  do {
    const page = await reports.listTokens({ ...first, pageToken });
    pages.push(page.tokenRecords);
    pageToken = page.nextPageToken;
    await between();
  } while (pageToken !== '');
  return pages;
}

describe('listing tokens', () => {
  it('lists every token of the range exactly once across pages, by date, doctor and number', async () => {
    const pages = await allPages(request({ pageSize: 7 }));

    expect(pages.slice(0, -1).every((p) => p.length === 7)).toBe(true);
    expect(pages.flat()).toEqual(tokensInListOrder(days).map(tokenRecordOf));
  });

  it('shows every token exactly once while new tokens are being written', async () => {
    const before = new Set(tokensInListOrder(days).map((t) => t.tokenId));
    // New doctors on both dates: their tokens sort before and after wherever the pages are.
    const writers = ['2026-11-27', '2026-11-28', '2026-11-27'].map((date) =>
      aDayOfTokens(0, { date }),
    );
    await feed.apply(writers.flatMap((w) => w.events));
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        const day = writers[i % writers.length] as DoctorDayScript;
        const from = day.events.length;
        day.allocate();
        await feed.publish(day.events.slice(from));
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    const pages = await allPages(
      request({ pageSize: 5 }),
      () => new Promise((resolve) => setTimeout(resolve, 10)),
    );
    writing = false;
    await writer;
    await feed.settled();
    const seen = pages.flat().map((t) => t.tokenId);
    const written = writers
      .flatMap((w) => w.events)
      .filter((e) => e.payload?.$case === 'tokenAllocated');

    expect(written.length).toBeGreaterThan(10);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...before].filter((id) => !seen.includes(id))).toEqual([]);
    expect(seen.length).toBeGreaterThan(before.size); // some new tokens were met on the way
  });

  it("filters by doctor, by the tokens' status and by where the patients came from", async () => {
    const doctorId = doctors[1] as string;
    const listed = (
      await allPages(
        request({
          doctorId,
          statuses: [TokenStatus.TOKEN_STATUS_COMPLETED, TokenStatus.TOKEN_STATUS_CANCELLED],
          sources: [Source.SOURCE_WALK_IN, Source.SOURCE_ONLINE, Source.SOURCE_PAID],
          pageSize: 500,
        }),
      )
    ).flat();
    const expected = tokensInListOrder(days).filter(
      (t) =>
        t.doctorId === doctorId &&
        ['COMPLETED', 'CANCELLED'].includes(t.status) &&
        ['WALK_IN', 'ONLINE', 'PAID'].includes(t.source),
    );

    expect(expected.length).toBeGreaterThan(2);
    expect(listed).toEqual(expected.map(tokenRecordOf));
  });

  it('gives fifty tokens by default and no more than five hundred however many are asked for', async () => {
    const byDefault = await reports.listTokens(request({ pageSize: 0 }));
    const capped = await reports.listTokens(request({ pageSize: 10_000 }));

    expect(byDefault.tokenRecords).toHaveLength(50);
    expect(capped.tokenRecords.length).toBeGreaterThan(50);
    expect(capped.tokenRecords.length).toBeLessThanOrEqual(500);
    expect(capped.nextPageToken).toBe('');
  });

  it('refuses a page token that was tampered with', async () => {
    const { nextPageToken } = await reports.listTokens(request({ pageSize: 3 }));
    const [body, signature] = nextPageToken.split('.') as [string, string];
    const forged = Buffer.from(
      JSON.stringify({
        p: ['2026-11-27', doctors[0], 0],
        f: JSON.parse(Buffer.from(body, 'base64url').toString()).f,
      }),
    ).toString('base64url');

    await expectRefused(
      reports.listTokens(request({ pageSize: 3, pageToken: `${forged}.${signature}` })),
      status.INVALID_ARGUMENT,
      'INVALID_PAGE_TOKEN',
      'page_token',
    );
  });

  it('refuses a page token used with other filters', async () => {
    const { nextPageToken } = await reports.listTokens(request({ pageSize: 3 }));

    await expectRefused(
      reports.listTokens(
        request({ pageSize: 3, pageToken: nextPageToken, doctorId: doctors[0] as string }),
      ),
      status.INVALID_ARGUMENT,
      'INVALID_PAGE_TOKEN',
    );
  });

  it('names every bad field of a request at once', async () => {
    const refused = await expectRefused(
      reports.listTokens(
        request({
          startDate: '2026-11-31',
          endDate: '27/11/2026',
          doctorId: 'dr-rao',
          statuses: [TokenStatus.TOKEN_STATUS_ALLOCATED, TokenStatus.TOKEN_STATUS_UNSPECIFIED],
          sources: [99 as Source],
          pageSize: -1,
        }),
      ),
      status.INVALID_ARGUMENT,
      'FIELD_VIOLATION',
    );

    expect(refused.fieldViolations.map((v) => v.field)).toEqual([
      'start_date',
      'end_date',
      'doctor_id',
      'statuses[1]',
      'sources[0]',
      'page_size',
    ]);
  });

  it('refuses a range that ends before it starts or spans more than a year', async () => {
    for (const [startDate, endDate] of [
      ['2026-11-28', '2026-11-27'],
      ['2026-01-01', '2027-01-02'],
    ] as const) {
      await expectRefused(
        reports.listTokens(request({ startDate, endDate })),
        status.INVALID_ARGUMENT,
        'FIELD_VIOLATION',
        'end_date',
      );
    }
    await reports.listTokens(request({ startDate: '2028-01-01', endDate: '2028-12-31' }));
  });
});
