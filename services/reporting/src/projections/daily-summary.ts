import {
  OCCUPYING,
  SOURCE_NAMES,
  STATUS_NAMES,
  type SourceName,
  type StatusName,
} from './names.js';
import { median, nearestRank } from './percentiles.js';
import type { DoctorDayRow, TokenRow } from './rows.js';

/** The day's tokens of one source in one status, as counted by the database. */
export interface TokenTally {
  readonly source: SourceName;
  readonly status: StatusName;
  readonly count: number;
  /** Milliseconds from check-in to completion, summed over the tokens that have both. */
  readonly waitMs: number;
  /** How many tokens `waitMs` sums over. */
  readonly waits: number;
}

/**
 * A day's consultations (called → completed, over tokens completed from CALLED) and waits
 * (checked in → called, over tokens called: by their latest call, the one that stood), in
 * milliseconds, each list in ascending order.
 */
export interface DayDurations {
  readonly consultationsMs: readonly number[];
  readonly waitsMs: readonly number[];
}

/** The figures of one doctor on one date (DailySummary in reporting_service.proto). */
export interface DailyFigures {
  readonly tokenCount: number;
  /** Every source, zeros included, in proto order. */
  readonly bySource: readonly { readonly source: SourceName; readonly count: number }[];
  /** Every status, zeros included, in proto order. */
  readonly byStatus: readonly { readonly status: StatusName; readonly count: number }[];
  readonly capacity: number;
  readonly occupancy: number;
  readonly utilisation: number;
  readonly noShowCount: number;
  readonly noShowRate: number;
  readonly preemptionCount: number;
  readonly promotionCount: number;
  readonly waitlistAddedCount: number;
  readonly waitlistExpiredCount: number;
  /** Average check-in to completion over COMPLETED tokens; undefined when there are none. */
  readonly averageWaitMs: number | undefined;
  /** Median and 90th percentile (nearest rank) of {@link DayDurations}; undefined for none. */
  readonly consultationMedianMs: number | undefined;
  readonly consultationP90Ms: number | undefined;
  readonly waitMedianMs: number | undefined;
  readonly waitP90Ms: number | undefined;
  readonly callCount: number;
  readonly recallCount: number;
  readonly skipCount: number;
  readonly transferredOutCount: number;
  readonly transferredInCount: number;
  readonly undoCount: number;
}

/**
 * A day's figures from its row, its token tallies and its consultations and waits.
 *
 * @example a day of 8 places with 6 held, 1 no-show, 1 cancelled:
 *   utilisation 6/8 = 0.75, no-show rate 1/(8 tokens − 1 cancelled) ≈ 0.14
 * @example consultations of 7, 9, 12 and 15 minutes: median 10.5, 90th percentile 15
 */
export function dailyFigures(
  day: DoctorDayRow,
  tallies: readonly TokenTally[],
  durations: DayDurations,
): DailyFigures {
  const bySource = new Map<SourceName, number>();
  const byStatus = new Map<StatusName, number>();
  let waitMs = 0;
  let waits = 0;
  for (const t of tallies) {
    bySource.set(t.source, (bySource.get(t.source) ?? 0) + t.count);
    byStatus.set(t.status, (byStatus.get(t.status) ?? 0) + t.count);
    if (t.status === 'COMPLETED') {
      waitMs += t.waitMs;
      waits += t.waits;
    }
  }
  const status = (s: StatusName) => byStatus.get(s) ?? 0;
  const tokenCount = tallies.reduce((sum, t) => sum + t.count, 0);
  const occupancy = OCCUPYING.reduce((sum, s) => sum + status(s), 0);
  const seen = tokenCount - status('CANCELLED') - status('PREEMPTED');
  return {
    tokenCount,
    bySource: SOURCE_NAMES.map((source) => ({ source, count: bySource.get(source) ?? 0 })),
    byStatus: STATUS_NAMES.map((s) => ({ status: s, count: status(s) })),
    capacity: day.capacity,
    occupancy,
    utilisation: day.capacity > 0 ? occupancy / day.capacity : 0,
    noShowCount: status('NO_SHOW'),
    noShowRate: seen > 0 ? status('NO_SHOW') / seen : 0,
    preemptionCount: status('PREEMPTED'),
    promotionCount: day.waitlistPromotedCount,
    waitlistAddedCount: day.waitlistAddedCount,
    waitlistExpiredCount: day.waitlistExpiredCount,
    averageWaitMs: waits > 0 ? waitMs / waits : undefined,
    consultationMedianMs: median(durations.consultationsMs),
    consultationP90Ms: nearestRank(durations.consultationsMs, 90),
    waitMedianMs: median(durations.waitsMs),
    waitP90Ms: nearestRank(durations.waitsMs, 90),
    callCount: day.callCount,
    recallCount: day.recallCount,
    skipCount: day.skipCount,
    transferredOutCount: day.transferredOutCount,
    transferredInCount: day.transferredInCount,
    undoCount: day.undoCount,
  };
}

/** Tallies of token rows held in memory: what the database's group-by computes. */
export function tallyTokens(tokens: readonly TokenRow[]): TokenTally[] {
  const tallies = new Map<string, TokenTally>();
  for (const t of tokens) {
    const key = `${t.source}/${t.status}`;
    const before = tallies.get(key) ?? {
      source: t.source,
      status: t.status,
      count: 0,
      waitMs: 0,
      waits: 0,
    };
    const waited =
      t.status === 'COMPLETED' && t.checkInTime && t.completeTime
        ? t.completeTime.getTime() - t.checkInTime.getTime()
        : undefined;
    tallies.set(key, {
      ...before,
      count: before.count + 1,
      waitMs: before.waitMs + (waited ?? 0),
      waits: before.waits + (waited === undefined ? 0 : 1),
    });
  }
  return [...tallies.values()];
}

/**
 * The consultations and waits of token rows held in memory: what the summaries' query selects
 * (`DURATION_COLUMNS` in queries/daily-summaries.ts).
 */
export function durationsOf(tokens: readonly TokenRow[]): DayDurations {
  const consultationsMs: number[] = [];
  const waitsMs: number[] = [];
  for (const t of tokens) {
    if (t.status === 'COMPLETED' && t.completedFromCall && t.callTime && t.completeTime) {
      consultationsMs.push(t.completeTime.getTime() - t.callTime.getTime());
    }
    if (t.callTime && t.checkInTime) waitsMs.push(t.callTime.getTime() - t.checkInTime.getTime());
  }
  const ascending = (a: number, b: number) => a - b;
  return { consultationsMs: consultationsMs.sort(ascending), waitsMs: waitsMs.sort(ascending) };
}
