import type { SourceName, StatusName } from '../projections/names.js';

/** The filters ListTokens and ExportTokens share, validated. */
export interface TokenFilter {
  readonly startDate: string;
  readonly endDate: string;
  readonly doctorId: string | undefined;
  readonly statuses: readonly StatusName[];
  readonly sources: readonly SourceName[];
}

/** A keyset position: after this row in date, doctor_id, token_number order. */
export type TokenPosition = readonly [date: string, doctorId: string, tokenNumber: number];

/** The filters as a canonical string, so a page token is only valid with the same ones. */
export function filterKey(filter: TokenFilter): string {
  return JSON.stringify([
    'tokens',
    filter.startDate,
    filter.endDate,
    filter.doctorId ?? '',
    [...filter.statuses].sort(),
    [...filter.sources].sort(),
  ]);
}

/**
 * The where clause over token_record `t` for the filters, and after a position if given.
 * The order index (date, doctor_id, token_number) serves both the range and the keyset.
 */
export function tokenWhere(
  filter: TokenFilter,
  after?: TokenPosition,
): { sql: string; params: unknown[] } {
  const conditions = ['t.date between ?::date and ?::date'];
  const params: unknown[] = [filter.startDate, filter.endDate];
  if (filter.doctorId) {
    conditions.push('t.doctor_id = ?::uuid');
    params.push(filter.doctorId);
  }
  if (filter.statuses.length > 0) {
    conditions.push('t.status in (?)');
    params.push([...filter.statuses]);
  }
  if (filter.sources.length > 0) {
    conditions.push('t.source in (?)');
    params.push([...filter.sources]);
  }
  if (after) {
    conditions.push('(t.date, t.doctor_id, t.token_number) > (?::date, ?::uuid, ?::int)');
    params.push(...after);
  }
  return { sql: conditions.join(' and '), params };
}

export const TOKEN_ORDER = 't.date, t.doctor_id, t.token_number';
