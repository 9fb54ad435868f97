// The data that crosses IPC: plain JSON-able shapes, never ts-proto classes. Instants are ISO
// 8601 strings (UTC), local dates "YYYY-MM-DD", local times "HH:MM", enums their short names.
// Environment: std (no DOM, no Node, no Electron) — used by main, preload and renderer.

export const SOURCES = ['EMERGENCY', 'PAID', 'FOLLOW_UP', 'WALK_IN', 'ONLINE'] as const;
export type SourceName = (typeof SOURCES)[number];

/** A patient's sex as recorded at registration (opd.v1.Sex without its prefix). */
export const SEXES = ['FEMALE', 'MALE', 'OTHER'] as const;
export type SexName = (typeof SEXES)[number];

export const TOKEN_STATUSES = [
  'ALLOCATED',
  'CHECKED_IN',
  'COMPLETED',
  'CANCELLED',
  'NO_SHOW',
  'PREEMPTED',
  'CALLED',
  'TRANSFERRED',
] as const;
export type TokenStatusName = (typeof TOKEN_STATUSES)[number];

/** A transition staff made that can be undone for a while (DESIGN §3b). */
export const TOKEN_MOVES = ['CHECK_IN', 'CALL', 'SKIP', 'COMPLETE', 'CANCEL', 'NO_SHOW'] as const;
export type TokenMoveName = (typeof TOKEN_MOVES)[number];

export const WEEKDAYS = [
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
  'SUNDAY',
] as const;
export type WeekdayName = (typeof WEEKDAYS)[number];

/** A block of consultation time cut into equal slots, local "HH:MM" times. */
export interface SessionView {
  readonly startTime: string;
  readonly endTime: string;
  readonly slotMinutes: number;
  readonly capacityPerSlot: number;
}

export interface DayScheduleView {
  readonly weekday: WeekdayName;
  readonly sessions: readonly SessionView[];
}

export interface DoctorView {
  readonly doctorId: string;
  readonly displayName: string;
  readonly department: string;
  /** Where the doctor sees patients, e.g. "OPD 2, Room 14"; '' when not set. */
  readonly room: string;
  readonly weeklySchedule: readonly DayScheduleView[];
  readonly active: boolean;
}

/**
 * A doctor with what is left on one date, for the doctor picker. Only live slots count (those
 * that have not ended): a place in a slot that is over cannot be given to anyone.
 */
export interface DoctorAvailability {
  readonly doctor: DoctorView;
  readonly date: string;
  /** True when the doctor-day exists; otherwise the figures come from the weekly schedule. */
  readonly opened: boolean;
  /** False when the doctor has no consultations that day at all. */
  readonly hasSession: boolean;
  /** Places in live slots, and how many of them are taken. */
  readonly capacity: number;
  readonly occupancy: number;
  readonly waiting: number;
  /** Local "HH:MM" start of the earliest live slot with room; null when none has room. */
  readonly nextFreeTime: string | null;
  /** True when the slot with room is running now (it started, it has not ended). */
  readonly freeNow: boolean;
}

export interface SlotView {
  readonly slotId: string;
  readonly startTime: string;
  readonly endTime: string;
  readonly localStartTime: string;
  readonly localEndTime: string;
  readonly capacity: number;
  readonly occupancy: number;
  readonly full: boolean;
}

export interface TokenView {
  readonly tokenId: string;
  readonly doctorId: string;
  readonly date: string;
  readonly tokenNumber: number;
  readonly patientId: string;
  readonly patientName: string;
  readonly slotId: string;
  readonly slotStartTime: string;
  readonly slotEndTime: string;
  readonly slotLocalStartTime: string;
  readonly slotLocalEndTime: string;
  readonly source: SourceName;
  readonly priority: number;
  readonly status: TokenStatusName;
  readonly requestTime: string;
  readonly allocateTime: string;
  readonly checkInTime: string | null;
  readonly completeTime: string | null;
  readonly protected: boolean;
  readonly promoted: boolean;
  /** The token that took this one's place ('' unless PREEMPTED). */
  readonly preemptedByTokenId: string;
  readonly preemptionReason: string;
  readonly cancelReason: string;
  readonly notes: string;
  /** When the room called the patient in; null until then (and after an undone call). */
  readonly callTime: string | null;
  /** Skipped tokens wait behind everyone not skipped; twice skipped may be a no-show at once. */
  readonly skipCount: number;
  readonly skipTime: string | null;
  readonly recallCount: number;
  readonly transferTime: string | null;
  readonly transferReason: string;
  /** Set when TRANSFERRED: the patient's token with the other doctor ('' otherwise). */
  readonly transferredToTokenId: string;
  /** Set when the token was issued by a transfer: the token it replaced ('' otherwise). */
  readonly transferredFromTokenId: string;
  /** Place in the room queue while CHECKED_IN (1 = called next); 0 otherwise. */
  readonly queuePlace: number;
  /** When the patient is expected to be called (ALLOCATED and CHECKED_IN only). */
  readonly expectedCallTime: string | null;
  /** The last transition while it can still be undone, and until when; null when none. */
  readonly undoableMove: TokenMoveName | null;
  readonly undoableUntil: string | null;
}

export interface WaitlistEntryView {
  readonly waitlistEntryId: string;
  readonly doctorId: string;
  readonly date: string;
  readonly patientId: string;
  readonly patientName: string;
  readonly source: SourceName;
  readonly priority: number;
  /** 1 = promoted next. */
  readonly position: number;
  readonly requestTime: string;
  /** True when the patient is waiting because their token was displaced. */
  readonly displaced: boolean;
}

export interface BoardView {
  readonly doctorDayId: string;
  readonly doctorId: string;
  readonly date: string;
  readonly timeZone: string;
  readonly slots: readonly SlotView[];
  readonly tokens: readonly TokenView[];
  readonly waitlist: readonly WaitlistEntryView[];
  readonly doctorDisplayName: string;
  /** e.g. "OPD 2, Room 14"; '' when not set. */
  readonly room: string;
  /** The doctor's learned consultation time, the basis of every expected call time. */
  readonly consultationMinutes: number;
  /** The CHECKED_IN tokens in the order the room calls them (§3b), by id. */
  readonly roomQueue: readonly string[];
  /** The token the room has called in, if any (at most one per doctor-day). */
  readonly calledTokenId: string | null;
  /** The board's version: a higher sequence is newer. */
  readonly sequence: number;
}

/** A waiting token as the waiting-room display shows it: a number and a time, nothing more. */
export interface DisplayTokenView {
  readonly tokenId: string;
  readonly tokenNumber: number;
  /** 1 = called next. */
  readonly queuePlace: number;
  readonly expectedCallTime: string | null;
  /** An EMERGENCY token: "next, emergency" rather than a time. */
  readonly emergency: boolean;
}

/**
 * One room for the waiting-room display: the called token and the next five. Built in the main
 * process from the board, so the display window never receives a patient's name or phone.
 */
export interface RoomDisplayView {
  readonly doctorId: string;
  readonly date: string;
  /** The doctor as shown to patients, and their room ('' when not set). */
  readonly doctorDisplayName: string;
  readonly room: string;
  readonly called: {
    readonly tokenId: string;
    readonly tokenNumber: number;
    readonly callTime: string | null;
    /** Goes up with every recall: each rise is announced again. */
    readonly recallCount: number;
  } | null;
  readonly next: readonly DisplayTokenView[];
  /** Everyone waiting in the room queue (the display shows five). */
  readonly queueLength: number;
  readonly sequence: number;
}

export interface PatientView {
  readonly patientId: string;
  readonly phone: string;
  readonly name: string;
}

export type OverridePlan =
  | { readonly kind: 'leave' }
  | { readonly kind: 'sessions'; readonly sessions: readonly SessionView[] };

export interface ScheduleOverrideView {
  readonly doctorId: string;
  readonly date: string;
  readonly plan: OverridePlan;
  readonly reason: string;
}

/** One token row of the reporting read model (no patient names or phones). */
export interface TokenRecordView {
  readonly tokenId: string;
  readonly tokenNumber: number;
  readonly doctorId: string;
  readonly doctorDisplayName: string;
  readonly department: string;
  readonly date: string;
  readonly patientId: string;
  readonly slotStartTime: string | null;
  readonly source: SourceName;
  readonly priority: number;
  readonly status: TokenStatusName;
  readonly requestTime: string | null;
  readonly allocateTime: string | null;
  readonly checkInTime: string | null;
  readonly completeTime: string | null;
  readonly cancelTime: string | null;
  readonly noShowTime: string | null;
  readonly preemptTime: string | null;
  readonly preempted: boolean;
  readonly promoted: boolean;
}

export interface DailySummaryView {
  readonly doctorId: string;
  readonly doctorDisplayName: string;
  readonly department: string;
  readonly date: string;
  readonly tokenCount: number;
  readonly capacity: number;
  readonly occupancy: number;
  /** 0 to 1. */
  readonly utilisation: number;
  readonly noShowCount: number;
  /** 0 to 1. */
  readonly noShowRate: number;
  readonly preemptionCount: number;
  readonly promotionCount: number;
}

/** A gRPC channel's state, as staff need it. */
export type LinkState = 'connected' | 'connecting' | 'offline' | 'not-configured';

export interface ConnectionStatus {
  readonly allocation: LinkState;
  readonly reporting: LinkState;
}
