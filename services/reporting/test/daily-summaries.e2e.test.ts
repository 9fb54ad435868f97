import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { status } from '@grpc/grpc-js';
import { Source, TokenStatus, type DailySummary, type ListDailySummariesRequest } from '@opd/api';
import { expectRefused } from '@opd/service-runtime/testing';
import { dailyFigures, durationsOf, tallyTokens } from '../src/projections/daily-summary.js';
import { dailySummaryOf } from '../src/grpc/messages.js';
import { aBusyMorning, type DoctorDayScript } from '../src/testing/doctor-day-script.js';
import { byKey, InMemoryReadModel } from '../src/testing/in-memory-read-model.js';
import { aDayOfTokens, Feed } from './support/fixtures.js';
import { startHarness, type Harness, type ReportingClient } from './support/harness.js';

let h: Harness;
let reports: ReportingClient;
const days: DoctorDayScript[] = [];

beforeAll(async () => {
  h = await startHarness();
  reports = h.client('reporting');
  const doctors = [crypto.randomUUID(), crypto.randomUUID()];
  for (const date of ['2026-12-01', '2026-12-02', '2026-12-03']) {
    days.push(aBusyMorning({ doctorId: doctors[0] as string, date }));
    days.push(aDayOfTokens(9, { doctorId: doctors[1] as string, date, capacities: [4, 4, 4] }));
  }
  await new Feed(h).apply(days.flatMap((d) => d.events));
});
afterAll(async () => {
  await h.stop();
});

const request = (
  overrides: Partial<ListDailySummariesRequest> = {},
): ListDailySummariesRequest => ({
  startDate: '2026-12-01',
  endDate: '2026-12-03',
  doctorId: '',
  pageSize: 0,
  pageToken: '',
  ...overrides,
});

/** What the summaries must say, from the reference read model. */
function expectedSummaries(of: readonly DoctorDayScript[]): DailySummary[] {
  const model = InMemoryReadModel.deliver(of.flatMap((d) => d.events));
  const tokens = [...model.tokens.values()];
  return [...model.days.values()].sort(byKey((d) => `${d.date}|${d.doctorId}`)).map((day) => {
    const own = tokens.filter((t) => t.doctorDayId === day.doctorDayId);
    return dailySummaryOf(day, dailyFigures(day, tallyTokens(own), durationsOf(own)));
  });
}

describe("doctors' daily summaries", () => {
  it('give every doctor-day of the range its counts, utilisation, no-shows, promotions and waits', async () => {
    const { dailySummaries, nextPageToken } = await reports.listDailySummaries(request());

    expect(nextPageToken).toBe('');
    expect(dailySummaries).toEqual(expectedSummaries(days));
  });

  it('add up a busy morning the way the counter saw it', async () => {
    const morning = days[0] as DoctorDayScript;
    const { dailySummaries } = await reports.listDailySummaries(
      request({ doctorId: morning.doctorId, endDate: '2026-12-01' }),
    );

    expect(dailySummaries).toHaveLength(1);
    expect(dailySummaries[0]).toMatchObject({
      doctorDayId: morning.doctorDayId,
      doctorDisplayName: 'Dr. Meera Rao',
      tokenCount: 6,
      capacity: 9,
      occupancy: 3, // Asha seen, the emergency checked in, Ravi's new token
      utilisation: 3 / 9,
      noShowCount: 1,
      noShowRate: 1 / 4, // of 6 tokens, 1 cancelled and 1 displaced were not expected
      preemptionCount: 1,
      promotionCount: 1,
      waitlistAddedCount: 3,
      waitlistExpiredCount: 1,
      averageWait: { seconds: 60, nanos: 0 },
    });
    expect(dailySummaries[0]?.tokensBySource.map((s) => s.source)).toEqual([
      Source.SOURCE_EMERGENCY,
      Source.SOURCE_PAID,
      Source.SOURCE_FOLLOW_UP,
      Source.SOURCE_WALK_IN,
      Source.SOURCE_ONLINE,
    ]);
    expect(
      dailySummaries[0]?.tokensByStatus.find((s) => s.status === TokenStatus.TOKEN_STATUS_PREEMPTED)
        ?.count,
    ).toBe(1);
  });

  it('come a page at a time, by date then doctor', async () => {
    const pages: DailySummary[][] = [];
    let pageToken = '';
    do {
      const page = await reports.listDailySummaries(request({ pageSize: 4, pageToken }));
      pages.push(page.dailySummaries);
      pageToken = page.nextPageToken;
    } while (pageToken);

    expect(pages.map((p) => p.length)).toEqual([4, 2]);
    expect(pages.flat()).toEqual(expectedSummaries(days));
  });

  it('refuse a page token of another range, and name every bad field', async () => {
    const { nextPageToken } = await reports.listDailySummaries(request({ pageSize: 1 }));
    await expectRefused(
      reports.listDailySummaries(
        request({ pageSize: 1, pageToken: nextPageToken, endDate: '2026-12-02' }),
      ),
      status.INVALID_ARGUMENT,
      'INVALID_PAGE_TOKEN',
    );
    const refused = await expectRefused(
      reports.listDailySummaries(
        request({ startDate: '2026-12-04', doctorId: '42', pageSize: -5 }),
      ),
      status.INVALID_ARGUMENT,
      'FIELD_VIOLATION',
    );
    expect(refused.fieldViolations.map((v) => v.field)).toEqual([
      'end_date',
      'doctor_id',
      'page_size',
    ]);
  });
});
