import type { ListDailySummariesResponse } from '@opd/api';
import { ApiError } from '@opd/service-runtime';
import { DAY_COLUMNS, dayRowFromSql, type DaySqlRow } from '../db/doctor-day-rows.js';
import { dailySummaryOf } from '../grpc/messages.js';
import { dailyFigures, type DayDurations, type TokenTally } from '../projections/daily-summary.js';
import type { SourceName, StatusName } from '../projections/names.js';
import type { ReportingEnv } from '../reporting-env.js';

export interface SummaryFilter {
  readonly startDate: string;
  readonly endDate: string;
  readonly doctorId: string | undefined;
}

interface TallyRow {
  readonly doctor_day_id: string;
  readonly source: SourceName;
  readonly status: StatusName;
  readonly count: number;
  readonly wait_ms: number | string;
  readonly waits: number;
}

/**
 * Each day's consultations and waits in milliseconds, ascending, for a query whose doctor_day
 * alias is `d` (the same tokens as `durationsOf` in projections/daily-summary.ts). The median
 * and percentile are taken in TypeScript from these lists: one definition for the service and
 * the reference model. A day holds a few hundred tokens, so the lists stay small.
 */
const DURATION_COLUMNS = `
  (select coalesce(array_agg(ms order by ms), '{}') from (
     select (extract(epoch from t.complete_time - t.call_time) * 1000)::float8 as ms
       from token_record t
      where t.doctor_day_id = d.doctor_day_id and t.status = 'COMPLETED'
        and t.completed_from_call and t.call_time is not null and t.complete_time is not null
   ) c) as consultations_ms,
  (select coalesce(array_agg(ms order by ms), '{}') from (
     select (extract(epoch from t.call_time - t.check_in_time) * 1000)::float8 as ms
       from token_record t
      where t.doctor_day_id = d.doctor_day_id
        and t.call_time is not null and t.check_in_time is not null
   ) w) as waits_ms`;

interface SummaryDayRow extends DaySqlRow {
  readonly consultations_ms: readonly (number | string)[];
  readonly waits_ms: readonly (number | string)[];
}

/**
 * One page of daily summaries in date, doctor_id order: the doctor-days of the page with their
 * consultations and waits, then one grouped count over their tokens (by source and status, with
 * check-in-to-completion waits).
 */
export async function listDailySummaries(
  env: ReportingEnv,
  filter: SummaryFilter,
  page: { readonly size: number; readonly token: string },
): Promise<ListDailySummariesResponse> {
  const key = JSON.stringify([
    'summaries',
    filter.startDate,
    filter.endDate,
    filter.doctorId ?? '',
  ]);
  const after = positionOf(env.pageTokens.read(page.token, key));
  const em = env.orm.em.fork();
  const conditions = ['d.date between ?::date and ?::date'];
  const params: unknown[] = [filter.startDate, filter.endDate];
  if (filter.doctorId) {
    conditions.push('d.doctor_id = ?::uuid');
    params.push(filter.doctorId);
  }
  if (after) {
    conditions.push('(d.date, d.doctor_id) > (?::date, ?::uuid)');
    params.push(...after);
  }
  const days = await em.execute<SummaryDayRow[]>(
    `select ${DAY_COLUMNS}, ${DURATION_COLUMNS} from doctor_day d
      where ${conditions.join(' and ')} order by d.date, d.doctor_id limit ${page.size + 1}`,
    params,
  );
  const durations = new Map<string, DayDurations>(
    days.map((d) => [
      d.doctor_day_id,
      { consultationsMs: d.consultations_ms.map(Number), waitsMs: d.waits_ms.map(Number) },
    ]),
  );
  const shown = days.slice(0, page.size).map(dayRowFromSql);
  const tallies = shown.length
    ? await em.execute<TallyRow[]>(
        `select doctor_day_id, source, status, count(*)::int as count,
                coalesce(sum(extract(epoch from complete_time - check_in_time) * 1000)
                  filter (where check_in_time is not null and complete_time is not null), 0)::float8
                  as wait_ms,
                (count(*) filter (where check_in_time is not null and complete_time is not null))::int
                  as waits
           from token_record where doctor_day_id in (?)
          group by doctor_day_id, source, status`,
        [shown.map((d) => d.doctorDayId)],
      )
    : [];
  const byDay = new Map<string, TokenTally[]>();
  for (const t of tallies) {
    const list = byDay.get(t.doctor_day_id) ?? [];
    list.push({
      source: t.source,
      status: t.status,
      count: t.count,
      waitMs: Number(t.wait_ms),
      waits: t.waits,
    });
    byDay.set(t.doctor_day_id, list);
  }
  const last = shown.at(-1);
  return {
    dailySummaries: shown.map((day) =>
      dailySummaryOf(
        day,
        dailyFigures(day, byDay.get(day.doctorDayId) ?? [], durations.get(day.doctorDayId) ?? NONE),
      ),
    ),
    nextPageToken:
      days.length > page.size && last ? env.pageTokens.issue([last.date, last.doctorId], key) : '',
  };
}

const NONE: DayDurations = { consultationsMs: [], waitsMs: [] };

function positionOf(position: (string | number)[] | undefined): [string, string] | undefined {
  if (position === undefined) return undefined;
  const [date, doctorId] = position;
  if (typeof date === 'string' && typeof doctorId === 'string') return [date, doctorId];
  throw new ApiError('INVALID_ARGUMENT', 'page_token is not one this method issued', {
    reason: 'INVALID_PAGE_TOKEN',
    fieldViolations: [
      { field: 'page_token', description: 'is not a ListDailySummaries page token' },
    ],
  });
}
