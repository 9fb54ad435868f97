import { CancelWaitlistEntryResponse } from '@opd/api';
import type { Command } from 'commander';
import { withAllocation } from '../clients.js';
import { globalsOf } from '../global-options.js';
import type { CliContext } from '../io.js';
import { mutate } from '../mutate.js';
import { uuidArg } from '../parse.js';
import { print } from '../print.js';

export function registerWaitlistCommands(program: Command, ctx: CliContext): void {
  const waitlist = program.command('waitlist').description('patients waiting for a place');
  waitlist
    .command('cancel')
    .description('withdraw a waiting patient; those behind move up')
    .argument('<waitlist-entry-id>', 'the waitlist entry (UUID)', uuidArg)
    .option('--reason <text>', 'why, for staff', '')
    .action(async (waitlistEntryId: string, flags: { reason: string }, command: Command) => {
      const options = globalsOf(command);
      const answer = await withAllocation(options, (client) =>
        mutate((requestId) =>
          client.cancelWaitlistEntry({ requestId, waitlistEntryId, reason: flags.reason }),
        ),
      );
      print(
        ctx,
        options,
        () => CancelWaitlistEntryResponse.toJSON(answer),
        () => [`${answer.waitlistEntry?.patientName ?? 'The patient'} is off the waitlist.`],
      );
    });
}
