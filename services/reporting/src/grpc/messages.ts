import type { DailySummary, Duration, TokenRecord } from '@opd/api';
import type { DailyFigures } from '../projections/daily-summary.js';
import { toProtoSource, toProtoStatus } from '../projections/names.js';
import type { DoctorDayRow, TokenRow } from '../projections/rows.js';

// Read-model rows → contract messages. The only place rows meet proto types.

export function tokenRecordOf(t: TokenRow): TokenRecord {
  return {
    tokenId: t.tokenId,
    tokenNumber: t.tokenNumber,
    doctorDayId: t.doctorDayId,
    doctorId: t.doctorId,
    doctorDisplayName: t.doctorDisplayName,
    department: t.department,
    date: t.date,
    patientId: t.patientId,
    slotId: t.slotId,
    slotStartTime: t.slotStartTime ?? undefined,
    source: toProtoSource(t.source),
    priority: t.priority,
    status: toProtoStatus(t.status),
    requestTime: t.requestTime,
    allocateTime: t.allocateTime,
    checkInTime: t.checkInTime ?? undefined,
    completeTime: t.completeTime ?? undefined,
    cancelTime: t.cancelTime ?? undefined,
    noShowTime: t.noShowTime ?? undefined,
    preemptTime: t.preemptTime ?? undefined,
    preempted: t.preempted,
    promoted: t.promoted,
    callTime: t.callTime ?? undefined,
    skipCount: t.skipCount,
    recallCount: t.recallCount,
    transferTime: t.transferTime ?? undefined,
    transferredFromTokenId: t.transferredFromTokenId ?? '',
    transferredToTokenId: t.transferredToTokenId ?? '',
  };
}

export function dailySummaryOf(day: DoctorDayRow, f: DailyFigures): DailySummary {
  return {
    doctorDayId: day.doctorDayId,
    doctorId: day.doctorId,
    doctorDisplayName: day.doctorDisplayName,
    department: day.department,
    date: day.date,
    tokenCount: f.tokenCount,
    tokensBySource: f.bySource.map((s) => ({ source: toProtoSource(s.source), count: s.count })),
    tokensByStatus: f.byStatus.map((s) => ({ status: toProtoStatus(s.status), count: s.count })),
    capacity: f.capacity,
    occupancy: f.occupancy,
    utilisation: f.utilisation,
    noShowCount: f.noShowCount,
    noShowRate: f.noShowRate,
    preemptionCount: f.preemptionCount,
    promotionCount: f.promotionCount,
    waitlistAddedCount: f.waitlistAddedCount,
    waitlistExpiredCount: f.waitlistExpiredCount,
    averageWait: optionalDuration(f.averageWaitMs),
    consultationMedian: optionalDuration(f.consultationMedianMs),
    consultationP90: optionalDuration(f.consultationP90Ms),
    waitMedian: optionalDuration(f.waitMedianMs),
    waitP90: optionalDuration(f.waitP90Ms),
    callCount: f.callCount,
    recallCount: f.recallCount,
    skipCount: f.skipCount,
    transferredOutCount: f.transferredOutCount,
    transferredInCount: f.transferredInCount,
    undoCount: f.undoCount,
  };
}

/**
 * A non-negative span of milliseconds as a google.protobuf.Duration, to the microsecond (a
 * median of two whole milliseconds may end in half of one).
 */
export function durationOf(ms: number): Duration {
  const micros = Math.max(0, Math.round(ms * 1000));
  return { seconds: Math.floor(micros / 1_000_000), nanos: (micros % 1_000_000) * 1000 };
}

const optionalDuration = (ms: number | undefined): Duration | undefined =>
  ms === undefined ? undefined : durationOf(ms);
