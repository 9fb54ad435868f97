// What the reporting service must say, worked out from the allocation service's own answers.
import {
  Source,
  TokenStatus,
  type DailySummary,
  type DoctorDayBoard,
  type Token,
  type TokenRecord,
} from '@opd/api';

/** Every source and status, in the contract's order (summaries list zeros too). */
const SOURCES = [
  Source.SOURCE_EMERGENCY,
  Source.SOURCE_PAID,
  Source.SOURCE_FOLLOW_UP,
  Source.SOURCE_WALK_IN,
  Source.SOURCE_ONLINE,
];
const STATUSES = [
  TokenStatus.TOKEN_STATUS_ALLOCATED,
  TokenStatus.TOKEN_STATUS_CHECKED_IN,
  TokenStatus.TOKEN_STATUS_COMPLETED,
  TokenStatus.TOKEN_STATUS_CANCELLED,
  TokenStatus.TOKEN_STATUS_NO_SHOW,
  TokenStatus.TOKEN_STATUS_PREEMPTED,
  TokenStatus.TOKEN_STATUS_CALLED,
  TokenStatus.TOKEN_STATUS_TRANSFERRED,
];

export interface DoctorFacts {
  readonly displayName: string;
  readonly department: string;
}

/** A board token as the read model must hold it. */
export function recordOf(token: Token, doctor: DoctorFacts): TokenRecord {
  return {
    tokenId: token.tokenId,
    tokenNumber: token.tokenNumber,
    doctorDayId: token.doctorDayId,
    doctorId: token.doctorId,
    doctorDisplayName: doctor.displayName,
    department: doctor.department,
    date: token.date,
    patientId: token.patientId,
    slotId: token.slotId,
    slotStartTime: token.slotStartTime,
    source: token.source,
    priority: token.priority,
    status: token.status,
    requestTime: token.requestTime,
    allocateTime: token.allocateTime,
    checkInTime: token.checkInTime,
    completeTime: token.completeTime,
    cancelTime: token.cancelTime,
    noShowTime: token.noShowTime,
    preemptTime: token.preemptTime,
    preempted: token.status === TokenStatus.TOKEN_STATUS_PREEMPTED,
    promoted: token.promotedFromWaitlistEntryId !== '',
    callTime: token.callTime,
    skipCount: token.skipCount,
    recallCount: token.recallCount,
    transferTime: token.transferTime,
    transferredFromTokenId: token.transferredFromTokenId,
    transferredToTokenId: token.transferredToTokenId,
  };
}

const span = (from: Date | undefined, to: Date | undefined): number | undefined =>
  from && to ? to.getTime() - from.getTime() : undefined;

/** Median (mean of the two middle values) and nearest-rank p90 of some spans, as Durations. */
function figures(spans: readonly (number | undefined)[]) {
  const sorted = spans.filter((s): s is number => s !== undefined).sort((a, b) => a - b);
  if (sorted.length === 0) return { median: undefined, p90: undefined };
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  const p90 = sorted[Math.ceil((90 * sorted.length) / 100) - 1] ?? 0;
  return { median: durationOf(median), p90: durationOf(p90) };
}

function durationOf(ms: number) {
  const micros = Math.round(ms * 1000);
  return { seconds: Math.floor(micros / 1_000_000), nanos: (micros % 1_000_000) * 1000 };
}

/** The day's summary from its board, with the waitlist figures the test drove. */
export function summaryOf(
  board: DoctorDayBoard,
  doctor: DoctorFacts,
  waitlist: { readonly added: number; readonly expired: number },
): DailySummary {
  const count = (keep: (t: Token) => boolean) => board.tokens.filter(keep).length;
  const status = (s: TokenStatus) => count((t) => t.status === s);
  const capacity = board.slots.reduce((sum, s) => sum + s.capacity, 0);
  const occupancy = board.slots.reduce((sum, s) => sum + s.occupancy, 0);
  const expected =
    board.tokens.length -
    status(TokenStatus.TOKEN_STATUS_CANCELLED) -
    status(TokenStatus.TOKEN_STATUS_PREEMPTED);
  const waits = board.tokens
    .filter(
      (t) => t.status === TokenStatus.TOKEN_STATUS_COMPLETED && t.checkInTime && t.completeTime,
    )
    .map((t) => (t.completeTime?.getTime() ?? 0) - (t.checkInTime?.getTime() ?? 0));
  const averageMs = waits.length ? waits.reduce((a, b) => a + b, 0) / waits.length : undefined;
  // What the room did, as the tokens show it (a test that undoes nothing).
  const consultations = figures(
    board.tokens
      .filter((t) => t.status === TokenStatus.TOKEN_STATUS_COMPLETED)
      .map((t) => span(t.callTime, t.completeTime)),
  );
  const inRoom = figures(board.tokens.map((t) => span(t.checkInTime, t.callTime)));
  const sum = (of: (t: Token) => number) => board.tokens.reduce((n, t) => n + of(t), 0);
  return {
    doctorDayId: board.doctorDayId,
    doctorId: board.doctorId,
    doctorDisplayName: doctor.displayName,
    department: doctor.department,
    date: board.date,
    tokenCount: board.tokens.length,
    tokensBySource: SOURCES.map((source) => ({ source, count: count((t) => t.source === source) })),
    tokensByStatus: STATUSES.map((s) => ({ status: s, count: status(s) })),
    capacity,
    occupancy,
    utilisation: capacity ? occupancy / capacity : 0,
    noShowCount: status(TokenStatus.TOKEN_STATUS_NO_SHOW),
    noShowRate: expected ? status(TokenStatus.TOKEN_STATUS_NO_SHOW) / expected : 0,
    preemptionCount: status(TokenStatus.TOKEN_STATUS_PREEMPTED),
    promotionCount: count((t) => t.promotedFromWaitlistEntryId !== ''),
    waitlistAddedCount: waitlist.added,
    waitlistExpiredCount: waitlist.expired,
    averageWait:
      averageMs === undefined
        ? undefined
        : {
            seconds: Math.floor(averageMs / 1000),
            nanos: Math.round(averageMs % 1000) * 1_000_000,
          },
    consultationMedian: consultations.median,
    consultationP90: consultations.p90,
    waitMedian: inRoom.median,
    waitP90: inRoom.p90,
    callCount: count((t) => t.callTime !== undefined) + sum((t) => t.skipCount),
    recallCount: sum((t) => t.recallCount),
    skipCount: sum((t) => t.skipCount),
    transferredOutCount: status(TokenStatus.TOKEN_STATUS_TRANSFERRED),
    transferredInCount: count((t) => t.transferredFromTokenId !== ''),
    undoCount: 0,
  };
}
