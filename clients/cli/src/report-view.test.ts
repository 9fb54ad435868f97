import { describe, expect, it } from '@jest/globals';
import { type DailySummary, TokenStatus } from '@opd/api';
import { duration, summaryTables } from './report-view.js';

const minutes = (m: number) => ({ seconds: m * 60, nanos: 0 });

const day: DailySummary = {
  doctorDayId: 'dd',
  doctorId: 'd',
  doctorDisplayName: 'Dr. Meera Rao',
  department: 'ENT',
  date: '2026-11-27',
  tokenCount: 12,
  tokensBySource: [],
  tokensByStatus: [{ status: TokenStatus.TOKEN_STATUS_COMPLETED, count: 9 }],
  capacity: 16,
  occupancy: 11,
  utilisation: 11 / 16,
  noShowCount: 1,
  noShowRate: 1 / 11,
  preemptionCount: 0,
  promotionCount: 2,
  waitlistAddedCount: 2,
  waitlistExpiredCount: 0,
  averageWait: minutes(41),
  consultationMedian: minutes(11),
  consultationP90: minutes(19),
  waitMedian: minutes(25),
  waitP90: minutes(52),
  callCount: 11,
  recallCount: 2,
  skipCount: 1,
  transferredOutCount: 1,
  transferredInCount: 0,
  undoCount: 1,
};

describe('daily summaries on a terminal', () => {
  it("adds the room's figures under the day's, one row per doctor-day", () => {
    const lines = summaryTables([day]);
    expect(lines[1]).toMatch(/^2026-11-27\s+Dr. Meera Rao\s+ENT\s+12\s+9\s+1 \(9 %\)\s+11\/16/);
    expect(lines[1]).toMatch(/41 min$/);
    expect(lines.slice(2)).toEqual([
      '',
      'IN THE ROOM',
      'DATE        DOCTOR         CONSULT MEDIAN  CONSULT P90  WAIT MEDIAN  WAIT P90  CALLS  RECALLS  SKIPS  TRANSFERS OUT/IN  UNDOS',
      '2026-11-27  Dr. Meera Rao          11 min       19 min       25 min    52 min     11        2      1               1/0      1',
    ]);
  });

  it('shows short times in seconds and a dash where there was nothing to measure', () => {
    expect(duration({ seconds: 42, nanos: 400_000_000 })).toBe('42 s');
    expect(duration({ seconds: 89, nanos: 0 })).toBe('1 min');
    expect(duration(undefined)).toBe('-');
  });
});
