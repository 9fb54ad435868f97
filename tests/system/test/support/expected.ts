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
  };
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
  };
}
