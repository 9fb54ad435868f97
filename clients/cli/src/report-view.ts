// Daily summaries as a manager reads them: the day's tokens, then what happened in the room.
import type { DailySummary, Duration } from '@opd/api';
import { tokenStatusName } from './format.js';
import { renderTable } from './table.js';

const percent = (ratio: number) => `${Math.round(ratio * 100)} %`;

/** "12 min", "45 s" under a minute, "-" when the figure is unset (nothing to measure). */
export function duration(d: Duration | undefined): string {
  if (!d) return '-';
  const seconds = d.seconds + d.nanos / 1e9;
  return seconds < 59.5 ? `${Math.round(seconds)} s` : `${Math.round(seconds / 60)} min`;
}

const countOf = (summary: DailySummary, status: string) =>
  summary.tokensByStatus.find((c) => tokenStatusName(c.status) === status)?.count ?? 0;

/** Tokens, seen, no-shows, places used, displacements, promotions, the average wait. */
function dayTable(summaries: readonly DailySummary[]): string[] {
  return renderTable(
    [
      'DATE',
      'DOCTOR',
      'DEPARTMENT',
      'TOKENS',
      'SEEN',
      'NO-SHOWS',
      'USED',
      'DISPLACED',
      'PROMOTED',
      'AVG WAIT',
    ],
    summaries.map((s) => [
      s.date,
      s.doctorDisplayName,
      s.department,
      String(s.tokenCount),
      String(countOf(s, 'COMPLETED')),
      `${s.noShowCount} (${percent(s.noShowRate)})`,
      `${s.occupancy}/${s.capacity} (${percent(s.utilisation)})`,
      String(s.preemptionCount),
      String(s.promotionCount),
      duration(s.averageWait),
    ]),
    ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
}

/**
 * The room's figures: consultation (called → completed) and wait (checked in → called),
 * median and 90th percentile, and how often the room called, recalled, skipped, transferred
 * (out and in) and undid.
 */
function roomTable(summaries: readonly DailySummary[]): string[] {
  return renderTable(
    [
      'DATE',
      'DOCTOR',
      'CONSULT MEDIAN',
      'CONSULT P90',
      'WAIT MEDIAN',
      'WAIT P90',
      'CALLS',
      'RECALLS',
      'SKIPS',
      'TRANSFERS OUT/IN',
      'UNDOS',
    ],
    summaries.map((s) => [
      s.date,
      s.doctorDisplayName,
      duration(s.consultationMedian),
      duration(s.consultationP90),
      duration(s.waitMedian),
      duration(s.waitP90),
      String(s.callCount),
      String(s.recallCount),
      String(s.skipCount),
      `${s.transferredOutCount}/${s.transferredInCount}`,
      String(s.undoCount),
    ]),
    ['left', 'left', ...Array.from({ length: 9 }, () => 'right' as const)],
  );
}

/** Both tables, one row per doctor-day in each; the second under the heading IN THE ROOM. */
export function summaryTables(summaries: readonly DailySummary[]): string[] {
  return [...dayTable(summaries), '', 'IN THE ROOM', ...roomTable(summaries)];
}
