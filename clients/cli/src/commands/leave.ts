import {
  ListScheduleOverridesResponse,
  type ScheduleOverride,
  SetScheduleOverrideResponse,
} from '@opd/api';
import type { Command } from 'commander';
import { withAllocation } from '../clients.js';
import { addDays, resolveDate } from '../dates.js';
import { resolveDoctor } from '../doctor-ref.js';
import { globalsOf } from '../global-options.js';
import type { CliContext } from '../io.js';
import { mutate } from '../mutate.js';
import { dateArg } from '../parse.js';
import { print } from '../print.js';
import { renderTable } from '../table.js';

const planOf = (o: ScheduleOverride): string =>
  o.dayPlan?.$case === 'sessions'
    ? o.dayPlan.value.sessions.map((s) => `${s.startTime}-${s.endTime}`).join(', ')
    : 'leave';

export function registerLeaveCommands(program: Command, ctx: CliContext): void {
  const leave = program.command('leave').description("doctors' leave (schedule overrides)");

  leave
    .command('set')
    .description('put a doctor on leave on a date: no slots that day')
    .argument('<doctor>', 'doctor id or a unique part of the name')
    .requiredOption('--date <date>', 'YYYY-MM-DD, today, tomorrow or +N days', dateArg)
    .option('--reason <text>', 'why, for staff (e.g. Conference)', '')
    .action(async (ref: string, flags: { date: string; reason: string }, command: Command) => {
      const options = globalsOf(command);
      const date = resolveDate(flags.date, options.timeZone);
      const { doctor, answer } = await withAllocation(options, async (client) => {
        const doctor = await resolveDoctor(client, ref);
        const answer = await mutate((requestId) =>
          client.setScheduleOverride({
            requestId,
            doctorId: doctor.doctorId,
            date,
            dayPlan: { $case: 'leave', value: {} },
            reason: flags.reason,
          }),
        );
        return { doctor, answer };
      });
      print(
        ctx,
        options,
        () => SetScheduleOverrideResponse.toJSON(answer),
        () => [
          `${doctor.displayName} is on leave on ${date}${flags.reason ? ` (${flags.reason})` : ''}.`,
        ],
      );
    });

  leave
    .command('clear')
    .description('remove the override on a date: the weekly schedule applies again')
    .argument('<doctor>', 'doctor id or a unique part of the name')
    .requiredOption('--date <date>', 'YYYY-MM-DD, today, tomorrow or +N days', dateArg)
    .action(async (ref: string, flags: { date: string }, command: Command) => {
      const options = globalsOf(command);
      const date = resolveDate(flags.date, options.timeZone);
      const { doctor, promotions } = await withAllocation(options, async (client) => {
        const doctor = await resolveDoctor(client, ref);
        const answer = await mutate((requestId) =>
          client.deleteScheduleOverride({ requestId, doctorId: doctor.doctorId, date }),
        );
        return { doctor, promotions: answer.promotions.length };
      });
      print(
        ctx,
        options,
        () => ({ doctorId: doctor.doctorId, date, promotions }),
        () => [`${doctor.displayName} follows the weekly schedule again on ${date}.`],
      );
    });

  leave
    .command('list')
    .description("a doctor's overrides (leave and changed sessions) in a date range")
    .argument('<doctor>', 'doctor id or a unique part of the name')
    .option('--from <date>', 'first date', dateArg, 'today')
    .option('--to <date>', 'last date (default: 90 days after --from)', dateArg)
    .action(async (ref: string, flags: { from: string; to?: string }, command: Command) => {
      const options = globalsOf(command);
      const startDate = resolveDate(flags.from, options.timeZone);
      const endDate = flags.to ? resolveDate(flags.to, options.timeZone) : addDays(startDate, 90);
      const overrides = await withAllocation(options, async (client) => {
        const doctor = await resolveDoctor(client, ref);
        const all: ScheduleOverride[] = [];
        let pageToken = '';
        do {
          const page = await client.listScheduleOverrides({
            doctorId: doctor.doctorId,
            startDate,
            endDate,
            pageSize: 500,
            pageToken,
          });
          all.push(...page.scheduleOverrides);
          pageToken = page.nextPageToken;
        } while (pageToken !== '');
        return all;
      });
      print(
        ctx,
        options,
        () =>
          ListScheduleOverridesResponse.toJSON({ scheduleOverrides: overrides, nextPageToken: '' }),
        () =>
          overrides.length === 0
            ? [`No overrides from ${startDate} to ${endDate}.`]
            : renderTable(
                ['DATE', 'PLAN', 'REASON'],
                overrides.map((o) => [o.date, planOf(o), o.reason]),
              ),
      );
    });
}
