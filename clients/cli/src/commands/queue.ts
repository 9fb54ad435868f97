import { Token } from '@opd/api';
import type { Command } from 'commander';
import { withAllocation } from '../clients.js';
import { resolveDate } from '../dates.js';
import { resolveDoctor } from '../doctor-ref.js';
import { globalsOf } from '../global-options.js';
import type { CliContext } from '../io.js';
import { dateArg } from '../parse.js';
import { print } from '../print.js';
import { renderQueue, roomQueue } from '../room-view.js';

export function registerQueueCommand(program: Command, ctx: CliContext): void {
  program
    .command('queue')
    .description("a doctor's room queue: who is called in, who is next, and when")
    .argument('<doctor>', 'doctor id or a unique part of the name')
    .option('--date <date>', 'YYYY-MM-DD, today, tomorrow or +N days', dateArg, 'today')
    .action(async (ref: string, flags: { date: string }, command: Command) => {
      const options = globalsOf(command);
      const date = resolveDate(flags.date, options.timeZone);
      const { doctor, board } = await withAllocation(options, async (client) => {
        const doctor = await resolveDoctor(client, ref);
        const { board } = await client.getDoctorDayBoard({ doctorId: doctor.doctorId, date });
        return { doctor, board };
      });
      if (!board) return;
      print(
        ctx,
        options,
        () => {
          const { called, queue } = roomQueue(board);
          return {
            doctorId: board.doctorId,
            doctorDisplayName: board.doctorDisplayName,
            date: board.date,
            room: board.room,
            consultationMinutes: board.consultationMinutes,
            called: called ? Token.toJSON(called) : null,
            queue: queue.map((t) => Token.toJSON(t)),
          };
        },
        () => renderQueue(board, doctor.department),
      );
    });
}
