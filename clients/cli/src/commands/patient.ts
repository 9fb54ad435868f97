import { FindPatientResponse } from '@opd/api';
import type { Command } from 'commander';
import { withAllocation } from '../clients.js';
import { sourceName, tokenSlotLabel, tokenStatusName } from '../format.js';
import { globalsOf } from '../global-options.js';
import type { CliContext } from '../io.js';
import { print } from '../print.js';
import { renderTable } from '../table.js';

export function registerPatientCommands(program: Command, ctx: CliContext): void {
  program
    .command('patient')
    .description('patients')
    .command('find')
    .description('what a patient holds from today onwards, by phone number (audited)')
    .argument('<phone>', 'phone number, any common format')
    .action(async (phone: string, _flags: unknown, command: Command) => {
      const options = globalsOf(command);
      const answer = await withAllocation(options, (client) => client.findPatient({ phone }));
      print(
        ctx,
        options,
        () => FindPatientResponse.toJSON(answer),
        () => [
          `${answer.patient?.name ?? 'Patient'} (patient_id ${answer.patient?.patientId ?? '?'})`,
          ...(answer.tokens.length + answer.waitlistEntries.length === 0
            ? ['  holds nothing from today onwards']
            : renderTable(
                ['DATE', 'WHAT', 'SLOT', 'SOURCE', 'STATUS', 'ID'],
                [
                  ...answer.tokens.map((t) => [
                    t.date,
                    `token ${t.tokenNumber}`,
                    tokenSlotLabel(t),
                    sourceName(t.source),
                    tokenStatusName(t.status),
                    t.tokenId,
                  ]),
                  ...answer.waitlistEntries.map((e) => [
                    e.date,
                    `waitlist #${e.position}`,
                    '',
                    sourceName(e.source),
                    'WAITING',
                    e.waitlistEntryId,
                  ]),
                ],
              ).map((line) => `  ${line}`)),
        ],
      );
    });
}
