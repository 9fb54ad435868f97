import type { SourceName, StatusName } from './names.js';

/**
 * One doctor-day as reports see it: who, when, how many places, and what happened on its
 * waitlist. Token figures are counted from the token rows when a summary is asked for.
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
}
