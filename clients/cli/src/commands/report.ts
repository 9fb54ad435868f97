import {
  type DailySummary,
  GetProjectionStatusResponse,
  ListDailySummariesResponse,
  ListTokensResponse,
  type Source,
  type TokenRecord,
  type TokenStatus,
} from '@opd/api';
import type { Command } from 'commander';
import { type ReportingClient, withReporting } from '../clients.js';
import { dateRange } from '../date-range.js';
import { clock, sourceName, tokenStatusName } from '../format.js';
import { globalsOf } from '../global-options.js';
import type { CliContext } from '../io.js';
import {
  dateArg,
  repeatable,
  sourceArg,
  tokenStatusArg,
  uuidArg,
  wholeNumberArg,
} from '../parse.js';
import { print } from '../print.js';
import { summaryTables } from '../report-view.js';
import { renderTable } from '../table.js';

interface RangeFlags {
  from: string;
  to?: string;
  doctor?: string;
}

/** Every daily summary of the range, page by page (a year of a hospital is a few thousand). */
async function allSummaries(
  client: ReportingClient,
  request: RangeFlags & { startDate: string; endDate: string },
) {
  const summaries: DailySummary[] = [];
  let pageToken = '';
  do {
    const page = await client.listDailySummaries({
      startDate: request.startDate,
      endDate: request.endDate,
      doctorId: request.doctor ?? '',
      pageSize: 500,
      pageToken,
    });
    summaries.push(...page.dailySummaries);
    pageToken = page.nextPageToken;
  } while (pageToken !== '');
  return summaries;
}

/** Up to `limit` token records of the range and whether there are more. */
async function someTokens(
  client: ReportingClient,
  request: Parameters<ReportingClient['listTokens']>[0],
  limit: number,
): Promise<{ records: TokenRecord[]; more: boolean }> {
  const records: TokenRecord[] = [];
  let pageToken = '';
  do {
    const page = await client.listTokens({
      ...request,
      pageSize: Math.min(500, limit - records.length + 1),
      pageToken,
    });
    records.push(...page.tokenRecords);
    pageToken = page.nextPageToken;
  } while (pageToken !== '' && records.length <= limit);
  return { records: records.slice(0, limit), more: records.length > limit || pageToken !== '' };
}

function addRangeOptions(command: Command): Command {
  return command
    .requiredOption('--from <date>', 'first date: YYYY-MM-DD, today, yesterday or -N days', dateArg)
    .option('--to <date>', 'last date (default: same as --from)', dateArg)
    .option('--doctor <doctor-id>', "only this doctor's days", uuidArg);
}

export function registerReportCommands(program: Command, ctx: CliContext): void {
  const report = program
    .command('report')
    .description('reports from the reporting service (reporting or admin key)');

  addRangeOptions(
    report
      .command('summaries')
      .description(
        'per doctor per day: tokens, seen, no-shows, utilisation; consultation and wait times, room calls',
      ),
  ).action(async (flags: RangeFlags, command: Command) => {
    const options = globalsOf(command);
    const range = dateRange(flags.from, flags.to, options.timeZone);
    const summaries = await withReporting(options, (client) =>
      allSummaries(client, { ...flags, ...range }),
    );
    print(
      ctx,
      options,
      () => ListDailySummariesResponse.toJSON({ dailySummaries: summaries, nextPageToken: '' }),
      () =>
        summaries.length === 0
          ? [`No doctor-day from ${range.startDate} to ${range.endDate} in the read model.`]
          : summaryTables(summaries),
    );
  });

  addRangeOptions(
    report
      .command('tokens')
      .description('token rows of a date range, in date, doctor, token order'),
  )
    .option(
      '--status <status>',
      'only tokens in this status (repeatable)',
      repeatable(tokenStatusArg),
    )
    .option('--source <source>', 'only tokens from this source (repeatable)', repeatable(sourceArg))
    .option(
      '--limit <n>',
      'show at most this many rows (export writes them all)',
      wholeNumberArg,
      50,
    )
    .action(
      async (
        flags: RangeFlags & { status?: TokenStatus[]; source?: Source[]; limit: number },
        command: Command,
      ) => {
        const options = globalsOf(command);
        const range = dateRange(flags.from, flags.to, options.timeZone);
        const request = {
          ...range,
          doctorId: flags.doctor ?? '',
          statuses: flags.status ?? [],
          sources: flags.source ?? [],
          pageSize: 0,
          pageToken: '',
        };
        const { records, more } = await withReporting(options, (client) =>
          someTokens(client, request, flags.limit),
        );
        print(
          ctx,
          options,
          () => ListTokensResponse.toJSON({ tokenRecords: records, nextPageToken: '' }),
          () => [
            ...renderTable(
              ['DATE', 'DOCTOR', 'TOKEN', 'SLOT', 'SOURCE', 'STATUS', 'PATIENT'],
              records.map((r) => [
                r.date,
                r.doctorDisplayName,
                String(r.tokenNumber),
                clock(options.timeZone, r.slotStartTime),
                sourceName(r.source),
                tokenStatusName(r.status),
                r.patientId,
              ]),
            ),
            ...(more ? [`(more rows: raise --limit, or write them all with \`opd export\`)`] : []),
          ],
        );
      },
    );

  report
    .command('status')
    .description('how far the read model trails the events')
    .action(async (_flags: unknown, command: Command) => {
      const options = globalsOf(command);
      const answer = await withReporting(options, (client) => client.getProjectionStatus({}));
      print(
        ctx,
        options,
        () => GetProjectionStatusResponse.toJSON(answer),
        () => [
          `events applied    ${answer.eventsApplied}`,
          `pending           ${answer.pendingEventCount}`,
          `parked            ${answer.parkedEventCount}`,
          `last event        ${answer.lastEventId || '-'} at ${answer.lastEventOccurredAt?.toISOString() ?? '-'}`,
          `applied at        ${answer.lastAppliedAt?.toISOString() ?? '-'}` +
            (answer.lastEventDelay
              ? ` (${answer.lastEventDelay.seconds + answer.lastEventDelay.nanos / 1e9} s after it occurred)`
              : ''),
        ],
      );
    });
}
