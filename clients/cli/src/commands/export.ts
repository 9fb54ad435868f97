import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Source, TokenStatus } from '@opd/api';
import type { Command } from 'commander';
import { withReporting } from '../clients.js';
import { dateRange } from '../date-range.js';
import { UsageError } from '../errors.js';
import { exportTokensCsv, exportTokensToFile } from '../export/export-csv.js';
import { resolvePath } from '../files.js';
import { globalsOf } from '../global-options.js';
import type { CliContext } from '../io.js';
import {
  dateArg,
  positiveNumberArg,
  repeatable,
  sourceArg,
  tokenStatusArg,
  uuidArg,
} from '../parse.js';

interface ExportFlags {
  from: string;
  to?: string;
  out: string;
  doctor?: string;
  status?: TokenStatus[];
  source?: Source[];
  deadline: number;
}

/** Refuses, before any call, a file whose folder does not exist (exit 2). */
async function expectFolder(file: string, typed: string): Promise<void> {
  const folder = path.dirname(file);
  const found = await stat(folder).catch(() => undefined);
  if (!found?.isDirectory()) {
    throw new UsageError(`Cannot write ${typed}: the folder ${folder} does not exist.`);
  }
}

export function registerExportCommand(program: Command, ctx: CliContext): void {
  program
    .command('export')
    .description('export token rows of a date range to CSV (streamed from the reporting service)')
    .requiredOption('--from <date>', 'first date: YYYY-MM-DD, today, yesterday or -N days', dateArg)
    .option('--to <date>', 'last date (default: same as --from)', dateArg)
    .requiredOption('--out <file>', 'CSV file to write, or - for standard output')
    .option('--doctor <doctor-id>', "only this doctor's tokens", uuidArg)
    .option(
      '--status <status>',
      'only tokens in this status (repeatable)',
      repeatable(tokenStatusArg),
    )
    .option('--source <source>', 'only tokens from this source (repeatable)', repeatable(sourceArg))
    .option('--deadline <minutes>', 'give up after this long', positiveNumberArg, 30)
    .action(async (flags: ExportFlags, command: Command) => {
      const options = globalsOf(command);
      const { startDate, endDate } = dateRange(flags.from, flags.to, options.timeZone);
      if (flags.out !== '-') await expectFolder(resolvePath(ctx.cwd, flags.out), flags.out);
      const request = {
        startDate,
        endDate,
        doctorId: flags.doctor ?? '',
        statuses: flags.status ?? [],
        sources: flags.source ?? [],
      };
      const streamOptions = { timeoutMs: flags.deadline * 60_000, signal: ctx.signal };
      const started = Date.now();
      const rows = await withReporting(options, (client) =>
        flags.out === '-'
          ? exportTokensCsv(client, request, ctx.stdout, { ...streamOptions, keepOpen: true })
          : exportTokensToFile(client, request, resolvePath(ctx.cwd, flags.out), streamOptions),
      );
      if (flags.out !== '-') {
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        ctx.output.err(
          `Exported ${rows} token rows (${startDate} to ${endDate}) to ${flags.out} in ${seconds} s.`,
        );
      }
    });
}
