import {
  Source,
  TokenStatus,
  type ExportTokensRequest,
  type ListDailySummariesRequest,
  type ListTokensRequest,
} from '@opd/api';
import { daysBetweenDates, isDate, pageSize, RequestCheck, wireNames } from '@opd/service-runtime';
import { sourceName, statusName, type SourceName, type StatusName } from '../projections/names.js';
import type { SummaryFilter } from '../queries/daily-summaries.js';
import type { TokenFilter } from '../queries/token-filter.js';

// Requests → validated query inputs. Every function throws INVALID_ARGUMENT naming each bad
// field, or returns input the queries can trust.

/** The longest date range one call covers: a year, leap years included. */
export const MAX_RANGE_DAYS = 366;
const PAGES = { default: 50, max: 500 };
const PAGE_TOKEN_MAX = 2_048;

export interface Page {
  readonly size: number;
  readonly token: string;
}

export function listTokensInput(req: ListTokensRequest): { filter: TokenFilter; page: Page } {
  const check = new RequestCheck();
  const filter = tokenFilter(check, req);
  checkPage(check, req);
  check.done();
  return { filter, page: { size: pageSize(req.pageSize, PAGES), token: req.pageToken } };
}

export function exportTokensInput(req: ExportTokensRequest): TokenFilter {
  const check = new RequestCheck();
  const filter = tokenFilter(check, req);
  check.done();
  return filter;
}

export function summariesInput(req: ListDailySummariesRequest): {
  filter: SummaryFilter;
  page: Page;
} {
  const check = new RequestCheck();
  dateRange(check, req);
  const doctorId = check.optionalId('doctor_id', req.doctorId);
  checkPage(check, req);
  check.done();
  return {
    filter: { startDate: req.startDate, endDate: req.endDate, doctorId },
    page: { size: pageSize(req.pageSize, PAGES), token: req.pageToken },
  };
}

function tokenFilter(check: RequestCheck, req: ExportTokensRequest): TokenFilter {
  dateRange(check, req);
  return {
    startDate: req.startDate,
    endDate: req.endDate,
    doctorId: check.optionalId('doctor_id', req.doctorId),
    statuses: enumList(check, 'statuses', req.statuses, statusName, wireNames(TokenStatus)),
    sources: enumList(check, 'sources', req.sources, sourceName, wireNames(Source)),
  };
}

/** Both ends required, in order, and at most a year apart. */
function dateRange(check: RequestCheck, req: { startDate: string; endDate: string }): void {
  check.date('start_date', req.startDate);
  check.date('end_date', req.endDate);
  check.range('start_date', req.startDate, 'end_date', req.endDate);
  if (isDate(req.startDate) && isDate(req.endDate) && req.startDate <= req.endDate) {
    if (daysBetweenDates(req.startDate, req.endDate) + 1 > MAX_RANGE_DAYS) {
      check.add('end_date', `must be at most ${MAX_RANGE_DAYS} days from start_date, inclusive`);
    }
  }
}

function enumList<P extends Source | TokenStatus, N extends SourceName | StatusName>(
  check: RequestCheck,
  field: string,
  values: readonly P[],
  nameOf: (value: P) => N | undefined,
  allowed: readonly string[],
): N[] {
  const names: N[] = [];
  for (const [i, value] of values.entries()) {
    const name = nameOf(value);
    if (name === undefined) check.add(`${field}[${i}]`, `must be one of ${allowed.join(', ')}`);
    else if (!names.includes(name)) names.push(name);
  }
  return names;
}

function checkPage(check: RequestCheck, req: { pageSize: number; pageToken: string }): void {
  if (!Number.isInteger(req.pageSize) || req.pageSize < 0) {
    check.add('page_size', 'must be zero (the default of 50) or positive');
  }
  if (req.pageToken.length > PAGE_TOKEN_MAX) {
    check.add('page_token', 'is not one this method issued');
  }
}
