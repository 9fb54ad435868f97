// Argument parsers for commander: each throws InvalidArgumentError, so the message names the
// flag, e.g. "option '--date <date>' argument '2026-13-01' is invalid. expected …".
import { Source, TokenStatus } from '@opd/api';
import { InvalidArgumentError } from 'commander';
import { isCalendarDate } from './dates.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => UUID.test(value);

/** A date: today, tomorrow, yesterday, +N / -N days, or YYYY-MM-DD. */
export function dateArg(value: string): string {
  if (['today', 'tomorrow', 'yesterday'].includes(value) || /^[+-]\d{1,4}$/.test(value)) {
    return value;
  }
  if (!isCalendarDate(value)) {
    throw new InvalidArgumentError('expected YYYY-MM-DD, today, tomorrow or +N days');
  }
  return value;
}

export function uuidArg(value: string): string {
  if (!isUuid(value)) throw new InvalidArgumentError('expected an id (UUID)');
  return value.toLowerCase();
}

export function timeArg(value: string): string {
  const match = /^(\d{1,2}):(\d{2})$/.exec(value);
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) {
    throw new InvalidArgumentError('expected a local time HH:MM, e.g. 09:30');
  }
  return `${match[1]?.padStart(2, '0')}:${match[2]}`;
}

export function positiveNumberArg(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number above 0');
  return n;
}

export function wholeNumberArg(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

const SOURCES: Readonly<Record<string, Source>> = {
  EMERGENCY: Source.SOURCE_EMERGENCY,
  PAID: Source.SOURCE_PAID,
  FOLLOW_UP: Source.SOURCE_FOLLOW_UP,
  WALK_IN: Source.SOURCE_WALK_IN,
  ONLINE: Source.SOURCE_ONLINE,
};

const enumKey = (value: string, prefix: string) =>
  value
    .trim()
    .toUpperCase()
    .replaceAll('-', '_')
    .replace(new RegExp(`^${prefix}`), '');

/** A source written any usual way: walk-in, WALK_IN, SOURCE_WALK_IN. */
export function sourceArg(value: string): Source {
  const source = SOURCES[enumKey(value, 'SOURCE_')];
  if (source === undefined) {
    throw new InvalidArgumentError('expected emergency, paid, follow-up, walk-in or online');
  }
  return source;
}

const STATUSES: Readonly<Record<string, TokenStatus>> = {
  ALLOCATED: TokenStatus.TOKEN_STATUS_ALLOCATED,
  CHECKED_IN: TokenStatus.TOKEN_STATUS_CHECKED_IN,
  CALLED: TokenStatus.TOKEN_STATUS_CALLED,
  COMPLETED: TokenStatus.TOKEN_STATUS_COMPLETED,
  CANCELLED: TokenStatus.TOKEN_STATUS_CANCELLED,
  NO_SHOW: TokenStatus.TOKEN_STATUS_NO_SHOW,
  PREEMPTED: TokenStatus.TOKEN_STATUS_PREEMPTED,
  TRANSFERRED: TokenStatus.TOKEN_STATUS_TRANSFERRED,
};

export function tokenStatusArg(value: string): TokenStatus {
  const status = STATUSES[enumKey(value, 'TOKEN_STATUS_')];
  if (status === undefined) {
    throw new InvalidArgumentError(
      'expected allocated, checked-in, called, completed, cancelled, no-show, preempted or transferred',
    );
  }
  return status;
}

/** For repeatable options: `--source paid --source online` → [PAID, ONLINE]. */
export const repeatable =
  <T>(parse: (value: string) => T) =>
  (value: string, previous: T[] | undefined): T[] => [...(previous ?? []), parse(value)];
