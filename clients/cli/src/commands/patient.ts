import { FindPatientResponse } from '@opd/api';
import type { Command } from 'commander';
import { withAllocation } from '../clients.js';
import { listAllDoctors } from '../doctor-ref.js';
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
      const { answer, doctors } = await withAllocation(options, async (client) => {
        const found = await client.findPatient({ phone });
        // What a patient holds means little without whom it is with.
        const all = found.tokens.length + found.waitlistEntries.length > 0;
        const list = all ? await listAllDoctors(client, { showInactive: true }) : [];
        return { answer: found, doctors: new Map(list.map((d) => [d.doctorId, d.displayName])) };
      });
      const doctor = (id: string) => doctors.get(id) ?? id;
      print(
        ctx,
        options,
        () => FindPatientResponse.toJSON(answer),
        () => [
          `${answer.patient?.name ?? 'Patient'} (patient_id ${answer.patient?.patientId ?? '?'})`,
          ...(answer.tokens.length + answer.waitlistEntries.length === 0
            ? ['  holds nothing from today onwards']
            : renderTable(
                ['DATE', 'DOCTOR', 'WHAT', 'SLOT', 'SOURCE', 'STATUS', 'ID'],
                [
                  ...answer.tokens.map((t) => [
                    t.date,
                    doctor(t.doctorId),
                    `token ${t.tokenNumber}`,
                    tokenSlotLabel(t),
                    sourceName(t.source),
                    tokenStatusName(t.status),
                    t.tokenId,
                  ]),
                  ...answer.waitlistEntries.map((e) => [
                    e.date,
                    doctor(e.doctorId),
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
