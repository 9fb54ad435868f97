import * as grpc from '@grpc/grpc-js';
import {
  boardAfter,
  GetDoctorDayBoardResponse,
  WatchDoctorDayResponse,
  type DoctorDayBoard,
} from '@opd/api';
import type { Command } from 'commander';
import { isRefusal } from '../errors.js';
import { renderBoard } from '../board-view.js';
import { withAllocation } from '../clients.js';
import { resolveDate } from '../dates.js';
import { resolveDoctor } from '../doctor-ref.js';
import { describeEvent } from '../events/describe-event.js';
import { globalsOf } from '../global-options.js';
import type { CliContext } from '../io.js';
import { dateArg } from '../parse.js';
import { print } from '../print.js';

export function registerBoardCommand(program: Command, ctx: CliContext): void {
  program
    .command('board')
    .description("a doctor's day: slots, tokens and waitlist")
    .argument('<doctor>', 'doctor id or a unique part of the name')
    .option('--date <date>', 'YYYY-MM-DD, today, tomorrow or +N days', dateArg, 'today')
    .option('--watch', 'keep following the day: a new board after every change (Ctrl-C stops)')
    .action(async (ref: string, flags: { date: string; watch?: boolean }, command: Command) => {
      const options = globalsOf(command);
      const date = resolveDate(flags.date, options.timeZone);
      await withAllocation(options, async (client) => {
        const doctor = await resolveDoctor(client, ref);
        if (!flags.watch) {
          const answer = await client.getDoctorDayBoard({ doctorId: doctor.doctorId, date });
          print(
            ctx,
            options,
            () => GetDoctorDayBoardResponse.toJSON(answer),
            () => (answer.board ? renderBoard(answer.board, doctor) : []),
          );
          return;
        }
        // The server ends a watch at its default stream deadline (an hour): open it again.
        // Text shows the whole board each time but asks only for what changed (a busy day's
        // board is large); --json prints the complete boards scripts expect.
        const changesOnly = !options.json;
        while (!ctx.signal.aborted) {
          const updates = client.watchDoctorDay(
            { doctorId: doctor.doctorId, date, changesOnly },
            { signal: ctx.signal },
          );
          let held: DoctorDayBoard | undefined;
          let outOfStep = false;
          try {
            for await (const update of updates) {
              const board = boardAfter(held, update);
              if (!board) {
                outOfStep = true; // a change for another version: watch again for a whole board
                break;
              }
              held = board;
              print(
                ctx,
                options,
                () => WatchDoctorDayResponse.toJSON(update),
                () => [
                  ...update.events.map((e) => `> ${describeEvent(e, options.timeZone)}`),
                  ...renderBoard(board, doctor),
                  '',
                ],
              );
            }
            if (!outOfStep) return; // the server ended the watch: a day that will not change
          } catch (error) {
            if (ctx.signal.aborted) return;
            if (!isRefusal(error, grpc.status.DEADLINE_EXCEEDED)) throw error;
          }
        }
      });
    });
}
