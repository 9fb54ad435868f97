// opd.v1 enums ↔ the short names that cross IPC. One table per enum, both directions.
import { Source, TokenMove, TokenStatus, Weekday } from '@opd/api';
import type {
  SourceName,
  TokenMoveName,
  TokenStatusName,
  WeekdayName,
} from '../../shared/views.js';

const SOURCE: Readonly<Record<SourceName, Source>> = {
  EMERGENCY: Source.SOURCE_EMERGENCY,
  PAID: Source.SOURCE_PAID,
  FOLLOW_UP: Source.SOURCE_FOLLOW_UP,
  WALK_IN: Source.SOURCE_WALK_IN,
  ONLINE: Source.SOURCE_ONLINE,
};

const TOKEN_STATUS: Readonly<Record<TokenStatusName, TokenStatus>> = {
  ALLOCATED: TokenStatus.TOKEN_STATUS_ALLOCATED,
  CHECKED_IN: TokenStatus.TOKEN_STATUS_CHECKED_IN,
  COMPLETED: TokenStatus.TOKEN_STATUS_COMPLETED,
  CANCELLED: TokenStatus.TOKEN_STATUS_CANCELLED,
  NO_SHOW: TokenStatus.TOKEN_STATUS_NO_SHOW,
  PREEMPTED: TokenStatus.TOKEN_STATUS_PREEMPTED,
  CALLED: TokenStatus.TOKEN_STATUS_CALLED,
  TRANSFERRED: TokenStatus.TOKEN_STATUS_TRANSFERRED,
};

const TOKEN_MOVE: Readonly<Record<TokenMoveName, TokenMove>> = {
  CHECK_IN: TokenMove.TOKEN_MOVE_CHECK_IN,
  CALL: TokenMove.TOKEN_MOVE_CALL,
  SKIP: TokenMove.TOKEN_MOVE_SKIP,
  COMPLETE: TokenMove.TOKEN_MOVE_COMPLETE,
  CANCEL: TokenMove.TOKEN_MOVE_CANCEL,
  NO_SHOW: TokenMove.TOKEN_MOVE_NO_SHOW,
};

const WEEKDAY: Readonly<Record<WeekdayName, Weekday>> = {
  MONDAY: Weekday.WEEKDAY_MONDAY,
  TUESDAY: Weekday.WEEKDAY_TUESDAY,
  WEDNESDAY: Weekday.WEEKDAY_WEDNESDAY,
  THURSDAY: Weekday.WEEKDAY_THURSDAY,
  FRIDAY: Weekday.WEEKDAY_FRIDAY,
  SATURDAY: Weekday.WEEKDAY_SATURDAY,
  SUNDAY: Weekday.WEEKDAY_SUNDAY,
};

/** A value the service sent that this version of the app does not know. */
export class UnknownEnumValue extends Error {
  override readonly name = 'UnknownEnumValue';
}

function reverse<N extends string, E extends number>(table: Readonly<Record<N, E>>, kind: string) {
  const byValue = new Map<number, N>(Object.entries(table).map(([k, v]) => [v as number, k as N]));
  return (value: E): N => {
    const name = byValue.get(value);
    if (name === undefined) throw new UnknownEnumValue(`unknown ${kind} ${value}`);
    return name;
  };
}

export const toSource = (name: SourceName): Source => SOURCE[name];
export const fromSource = reverse(SOURCE, 'source');
export const toTokenStatus = (name: TokenStatusName): TokenStatus => TOKEN_STATUS[name];
export const fromTokenStatus = reverse(TOKEN_STATUS, 'token status');
export const fromTokenMove = reverse(TOKEN_MOVE, 'token move');
/** TOKEN_MOVE_UNSPECIFIED means there is nothing to undo. */
export const fromUndoableMove = (move: TokenMove): TokenMoveName | null =>
  move === TokenMove.TOKEN_MOVE_UNSPECIFIED ? null : fromTokenMove(move);
export const toWeekday = (name: WeekdayName): Weekday => WEEKDAY[name];
export const fromWeekday = reverse(WEEKDAY, 'weekday');
