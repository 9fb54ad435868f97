/**
 * Plain data the allocation rules work on. Everything is immutable in spirit: operations return
 * new values and never mutate their inputs.
 */

/** Milliseconds since the Unix epoch. The engine never reads the clock: `now` is an argument. */
export type Instant = number;

/** A local calendar date in the hospital's time zone, `YYYY-MM-DD`. */
export type LocalDate = string;

/** Where a request came from; the default priority order is the order below. */
export const SOURCES = ['EMERGENCY', 'PAID', 'FOLLOW_UP', 'WALK_IN', 'ONLINE'] as const;
export type Source = (typeof SOURCES)[number];

export const TOKEN_STATUSES = [
  'ALLOCATED',
  'CHECKED_IN',
  'CALLED',
  'COMPLETED',
  'CANCELLED',
  'NO_SHOW',
  'PREEMPTED',
  'TRANSFERRED',
] as const;
export type TokenStatus = (typeof TOKEN_STATUSES)[number];

/**
 * The moves a person makes on a token and may take back (DESIGN.md §3b, Undo). Preemption,
 * promotion, transfer and expiry are consequences others rely on: they are never undone.
 */
export const TOKEN_MOVES = ['CHECK_IN', 'CALL', 'SKIP', 'COMPLETE', 'CANCEL', 'NO_SHOW'] as const;
export type TokenMove = (typeof TOKEN_MOVES)[number];

/** A token's last undoable move, kept so the counter or the room can take it back. */
export interface TokenTransition {
  readonly from: TokenStatus;
  readonly to: TokenStatus;
  readonly at: Instant;
  readonly move: TokenMove;
  /** True when this transition was itself an undo: one level only, an undo is not undone. */
  readonly undo: boolean;
}

/** A token on another doctor-day, for the two ends of a transfer. */
export interface TokenLink {
  readonly doctorDayId: string;
  readonly tokenId: string;
}

export const WAITLIST_STATUSES = ['WAITING', 'PROMOTED', 'CANCELLED', 'EXPIRED'] as const;
export type WaitlistStatus = (typeof WAITLIST_STATUSES)[number];

/** One consultation slot of a doctor-day, e.g. 09:00–09:30 with capacity 6. */
export interface Slot {
  readonly id: string;
  readonly startsAt: Instant;
  readonly endsAt: Instant;
  /** Local wall-clock times, `HH:MM`, for display and for matching across schedule changes. */
  readonly localStart: string;
  readonly localEnd: string;
  /** 0 once a schedule change closed a slot that tokens still reference. */
  readonly capacity: number;
}

export interface Token {
  readonly id: string;
  /** 1, 2, 3… per doctor-day, in issue order. */
  readonly number: number;
  readonly patientId: string;
  readonly slotId: string;
  readonly source: Source;
  readonly priority: number;
  /** When the patient first asked for this doctor-day; kept through waitlist and preemption. */
  readonly requestedAt: Instant;
  readonly allocatedAt: Instant;
  readonly status: TokenStatus;
  /** Given by promotion to a patient who was displaced once: never preempted again. */
  readonly protected: boolean;
  readonly promotedFromEntryId?: string;
  readonly preemptedByTokenId?: string;
  readonly preemptionReason?: string;
  readonly checkedInAt?: Instant;
  readonly completedAt?: Instant;
  readonly cancelledAt?: Instant;
  readonly noShowAt?: Instant;
  readonly preemptedAt?: Instant;
  /** When the room called the patient in, for the call that stands (an undone call clears it). */
  readonly calledAt?: Instant;
  /** How often the room skipped the patient; a skipped patient waits behind the not skipped. */
  readonly skips: number;
  /**
   * The latest skip: orders the skipped in the room queue. After an undone skip it may still name
   * the undone one, which never matters: the token is CALLED then, and a new skip sets it afresh.
   */
  readonly lastSkippedAt?: Instant;
  /** How often the CALLED patient was announced again. */
  readonly recalls: number;
  readonly transferredAt?: Instant;
  readonly transferReason?: string;
  /** The token the patient was given on the other doctor-day. */
  readonly transferredTo?: TokenLink;
  /** The token the patient held before being sent here. */
  readonly transferredFrom?: TokenLink;
  /** An undone NO_SHOW: the grace period runs again from here. */
  readonly graceFrom?: Instant;
  /** The last move that may still be undone; unset after preemption and transfer. */
  readonly lastTransition?: TokenTransition;
}

export interface WaitlistEntry {
  readonly id: string;
  /** Order of entry onto this doctor-day's waitlist: the last tie-breaker. */
  readonly entryNumber: number;
  readonly patientId: string;
  readonly source: Source;
  readonly priority: number;
  readonly requestedAt: Instant;
  readonly createdAt: Instant;
  readonly status: WaitlistStatus;
  /** Set when the patient is waiting because their token was preempted. */
  readonly displacedTokenId?: string;
  readonly promotedTokenId?: string;
  readonly closedAt?: Instant;
}

/** One doctor on one local date: its slots, tokens, waitlist and the counters kept under its lock. */
export interface DoctorDay {
  readonly id: string;
  readonly doctorId: string;
  readonly date: LocalDate;
  /** Local midnight that starts the day: check-in opens then. */
  readonly dayStartsAt: Instant;
  readonly slots: readonly Slot[];
  readonly tokens: readonly Token[];
  readonly waitlist: readonly WaitlistEntry[];
  /** Number the next token gets. */
  readonly nextTokenNumber: number;
  /** Number the next waitlist entry gets. */
  readonly nextEntryNumber: number;
  /** Sequence number of the last event emitted for this doctor-day (0 before any). */
  readonly eventSequence: number;
}

/** Deployment-wide rules that the operations read. */
export interface Policy {
  /** Higher number = more urgent. */
  readonly sourcePriority: Readonly<Record<Source, number>>;
  /** Minutes after slot start (or after allocation, if later) before a no-show may be marked. */
  readonly noShowGraceMinutes: number;
  /**
   * How many may wait on a doctor-day: `share` of the day's total capacity, rounded up, and at
   * least `minimum`. A rush must not become a waitlist nobody is ever promoted from.
   */
  readonly waitlistBound: { readonly share: number; readonly minimum: number };
  /** Minutes, inclusive, during which a token's last move may be undone. */
  readonly undoWindowMinutes: number;
}

/** What every operation gets from its caller besides the day itself. */
export interface Context {
  readonly now: Instant;
  readonly policy: Policy;
  /** Supplies ids for new tokens and entries; the caller decides how (UUIDs, counters in tests). */
  readonly newId: () => string;
}
