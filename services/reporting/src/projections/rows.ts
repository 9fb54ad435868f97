import type { SourceName, StatusName } from './names.js';

/**
 * One doctor-day as reports see it: who, when, how many places, what happened on its waitlist
 * and how often its room acted. Token figures are counted from the token rows when a summary
 * is asked for; the room's counters count events, which the token rows cannot tell (a token
 * called twice, an undone move).
 */
export interface DoctorDayRow {
  readonly doctorDayId: string;
  readonly doctorId: string;
  /** Local date, YYYY-MM-DD. */
  readonly date: string;
  /** As they were when the day opened (ADR 0002). */
  readonly doctorDisplayName: string;
  readonly department: string;
  readonly timeZone: string;
  readonly slotCount: number;
  /** Places over all slots, from the latest slot list (opened or changed). */
  readonly capacity: number;
  readonly waitlistAddedCount: number;
  readonly waitlistPromotedCount: number;
  readonly waitlistCancelledCount: number;
  readonly waitlistExpiredCount: number;
  /** TokenCalled events, undone calls included. */
  readonly callCount: number;
  /** TokenRecalled events. */
  readonly recallCount: number;
  /** TokenSkipped events, undone skips included. */
  readonly skipCount: number;
  /** TokenTransferred events: tokens of this day sent to another doctor. */
  readonly transferredOutCount: number;
  /** Tokens issued on this day by a transfer from another doctor. */
  readonly transferredInCount: number;
  /** TokenTransitionUndone events. */
  readonly undoCount: number;
  readonly openedAt: Date;
}

/** One token, with every moment of its life that reports ask about. */
export interface TokenRow {
  readonly tokenId: string;
  readonly doctorDayId: string;
  readonly doctorId: string;
  readonly date: string;
  readonly tokenNumber: number;
  readonly doctorDisplayName: string;
  readonly department: string;
  readonly patientId: string;
  readonly slotId: string;
  readonly slotStartTime: Date | null;
  readonly source: SourceName;
  readonly priority: number;
  readonly status: StatusName;
  readonly requestTime: Date;
  readonly allocateTime: Date;
  readonly checkInTime: Date | null;
  readonly completeTime: Date | null;
  readonly cancelTime: Date | null;
  readonly noShowTime: Date | null;
  readonly preemptTime: Date | null;
  readonly preempted: boolean;
  readonly promoted: boolean;
  /** The room's latest call; kept by a skip (an undone skip is CALLED again), cleared by an undone call. */
  readonly callTime: Date | null;
  /** Skips that stand (an undone skip takes one back). */
  readonly skipCount: number;
  readonly recallCount: number;
  readonly transferTime: Date | null;
  /** The token on another doctor-day this one was issued in place of. */
  readonly transferredFromTokenId: string | null;
  /** When TRANSFERRED: the patient's token on the other doctor-day. */
  readonly transferredToTokenId: string | null;
  /**
   * True when the token was completed from CALLED, so `callTime → completeTime` is a
   * consultation; false for a room that completes without calling, and after an undone
   * completion.
   */
  readonly completedFromCall: boolean;
}
