// The same words in proto and engine, for answers (grpc/) and events (events/) alike.
import {
  Source as ProtoSource,
  TokenMove as ProtoTokenMove,
  TokenStatus as ProtoTokenStatus,
  WaitlistEntryStatus as ProtoWaitlistStatus,
  Weekday as ProtoWeekday,
} from '@opd/api';
import type { Source, TokenMove, TokenStatus, WaitlistStatus, Weekday } from '@opd/engine';

// The same words in proto and engine; these tables are the only place they are paired.

const SOURCES: Readonly<Record<Source, ProtoSource>> = {
  EMERGENCY: ProtoSource.SOURCE_EMERGENCY,
  PAID: ProtoSource.SOURCE_PAID,
  FOLLOW_UP: ProtoSource.SOURCE_FOLLOW_UP,
  WALK_IN: ProtoSource.SOURCE_WALK_IN,
  ONLINE: ProtoSource.SOURCE_ONLINE,
};

const TOKEN_STATUSES: Readonly<Record<TokenStatus, ProtoTokenStatus>> = {
  ALLOCATED: ProtoTokenStatus.TOKEN_STATUS_ALLOCATED,
  CHECKED_IN: ProtoTokenStatus.TOKEN_STATUS_CHECKED_IN,
  COMPLETED: ProtoTokenStatus.TOKEN_STATUS_COMPLETED,
  CANCELLED: ProtoTokenStatus.TOKEN_STATUS_CANCELLED,
  NO_SHOW: ProtoTokenStatus.TOKEN_STATUS_NO_SHOW,
  PREEMPTED: ProtoTokenStatus.TOKEN_STATUS_PREEMPTED,
  CALLED: ProtoTokenStatus.TOKEN_STATUS_CALLED,
  TRANSFERRED: ProtoTokenStatus.TOKEN_STATUS_TRANSFERRED,
};

const TOKEN_MOVES: Readonly<Record<TokenMove, ProtoTokenMove>> = {
  CHECK_IN: ProtoTokenMove.TOKEN_MOVE_CHECK_IN,
  CALL: ProtoTokenMove.TOKEN_MOVE_CALL,
  SKIP: ProtoTokenMove.TOKEN_MOVE_SKIP,
  COMPLETE: ProtoTokenMove.TOKEN_MOVE_COMPLETE,
  CANCEL: ProtoTokenMove.TOKEN_MOVE_CANCEL,
  NO_SHOW: ProtoTokenMove.TOKEN_MOVE_NO_SHOW,
};

const WAITLIST_STATUSES: Readonly<Record<WaitlistStatus, ProtoWaitlistStatus>> = {
  WAITING: ProtoWaitlistStatus.WAITLIST_ENTRY_STATUS_WAITING,
  PROMOTED: ProtoWaitlistStatus.WAITLIST_ENTRY_STATUS_PROMOTED,
  CANCELLED: ProtoWaitlistStatus.WAITLIST_ENTRY_STATUS_CANCELLED,
  EXPIRED: ProtoWaitlistStatus.WAITLIST_ENTRY_STATUS_EXPIRED,
};

const WEEKDAYS: Readonly<Record<Weekday, ProtoWeekday>> = {
  1: ProtoWeekday.WEEKDAY_MONDAY,
  2: ProtoWeekday.WEEKDAY_TUESDAY,
  3: ProtoWeekday.WEEKDAY_WEDNESDAY,
  4: ProtoWeekday.WEEKDAY_THURSDAY,
  5: ProtoWeekday.WEEKDAY_FRIDAY,
  6: ProtoWeekday.WEEKDAY_SATURDAY,
  7: ProtoWeekday.WEEKDAY_SUNDAY,
};

const invert = <K extends string | number, V extends number>(table: Readonly<Record<K, V>>) =>
  new Map<number, K>(
    Object.entries(table).map(([k, v]) => [v as number, (/^\d+$/.test(k) ? Number(k) : k) as K]),
  );

const FROM_SOURCE = invert(SOURCES);
const FROM_TOKEN_STATUS = invert(TOKEN_STATUSES);
const FROM_WEEKDAY = invert(WEEKDAYS);

export const toProtoSource = (s: Source): ProtoSource => SOURCES[s];
export const toProtoTokenStatus = (s: TokenStatus): ProtoTokenStatus => TOKEN_STATUSES[s];
export const toProtoWaitlistStatus = (s: WaitlistStatus): ProtoWaitlistStatus =>
  WAITLIST_STATUSES[s];
export const toProtoWeekday = (d: Weekday): ProtoWeekday => WEEKDAYS[d];
export const toProtoTokenMove = (m: TokenMove): ProtoTokenMove => TOKEN_MOVES[m];

/** The engine's source for a proto value; undefined for UNSPECIFIED or unknown numbers. */
export const fromProtoSource = (s: ProtoSource): Source | undefined => FROM_SOURCE.get(s);
export const fromProtoTokenStatus = (s: ProtoTokenStatus): TokenStatus | undefined =>
  FROM_TOKEN_STATUS.get(s);
export const fromProtoWeekday = (d: ProtoWeekday): Weekday | undefined => FROM_WEEKDAY.get(d);
