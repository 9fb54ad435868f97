import {
  CallNextResponse,
  CompleteTokenResponse,
  RecallTokenResponse,
  SkipTokenResponse,
  type Token,
  TransferTokenResponse,
  UndoTokenTransitionResponse,
} from '@opd/api';
import type { Command } from 'commander';
import { type AllocationClient, withAllocation } from '../clients.js';
import { resolveDate } from '../dates.js';
import { resolveDoctor } from '../doctor-ref.js';
import { globalsOf } from '../global-options.js';
import type { CliContext } from '../io.js';
import { mutate } from '../mutate.js';
import { dateArg } from '../parse.js';
import { print } from '../print.js';
import {
  callLines,
  completeLines,
  recallLines,
  skipLines,
  transferLines,
  undoLines,
} from '../room-view.js';
import { resolveTokenId, tokenRefArg } from '../token-ref.js';

const DOCTOR_HELP = 'doctor id or a unique part of the name';
const DATE_HELP = 'YYYY-MM-DD, today, tomorrow or +N days';
const TOKEN_HELP = 'the token id, or its number with --doctor (e.g. 7)';

interface TokenFlags {
  doctor?: string;
  date: string;
}

/**
 * A room operation on one token (recall, skip, complete, undo): the token by id or by
 * number, one idempotency key however often the call is retried, and the answer printed.
 */
function registerTokenOperation<R>(
  room: Command,
  ctx: CliContext,
  spec: {
    name: string;
    description: string;
    call: (client: AllocationClient, requestId: string, tokenId: string) => Promise<R>;
    toJSON: (answer: R) => unknown;
    lines: (answer: R, zone: string) => readonly string[];
  },
): void {
  room
    .command(spec.name)
    .description(spec.description)
    .argument('<token>', TOKEN_HELP, tokenRefArg)
    .option('--doctor <doctor>', `with a token number: ${DOCTOR_HELP}`)
    .option('--date <date>', `with a token number: ${DATE_HELP}`, dateArg, 'today')
    .action(async (ref: string, flags: TokenFlags, command: Command) => {
      const options = globalsOf(command);
      const date = resolveDate(flags.date, options.timeZone);
      const answer = await withAllocation(options, async (client) => {
        const tokenId = await resolveTokenId(client, ref, { doctor: flags.doctor, date });
        return mutate((requestId) => spec.call(client, requestId, tokenId));
      });
      print(
        ctx,
        options,
        () => spec.toJSON(answer),
        () => spec.lines(answer, options.timeZone),
      );
    });
}

const tokenOf = (answer: { token?: Token | undefined }, f: (t: Token) => string[]) =>
  answer.token ? f(answer.token) : ['The service answered without the token.'];

function registerNext(room: Command, ctx: CliContext): void {
  room
    .command('next')
    .description("call in the next patient of the doctor's room queue")
    .argument('<doctor>', DOCTOR_HELP)
    .option('--date <date>', DATE_HELP, dateArg, 'today')
    .action(async (ref: string, flags: { date: string }, command: Command) => {
      const options = globalsOf(command);
      const date = resolveDate(flags.date, options.timeZone);
      const { doctorName, answer } = await withAllocation(options, async (client) => {
        const doctor = await resolveDoctor(client, ref);
        const answer = await mutate((requestId) =>
          client.callNext({ requestId, doctorId: doctor.doctorId, date }),
        );
        return { doctorName: doctor.displayName, answer };
      });
      print(
        ctx,
        options,
        () => CallNextResponse.toJSON(answer),
        () => callLines(answer, doctorName, date),
      );
    });
}

function registerTransfer(room: Command, ctx: CliContext): void {
  room
    .command('transfer')
    .description('send the patient to another doctor on the same date (counter key)')
    .argument('<token>', TOKEN_HELP, tokenRefArg)
    .requiredOption('--to <doctor>', `the doctor the patient goes to: ${DOCTOR_HELP}`)
    .requiredOption('--reason <text>', 'why, in words the patient is told')
    .option('--doctor <doctor>', `with a token number: ${DOCTOR_HELP}`)
    .option('--date <date>', `with a token number: ${DATE_HELP}`, dateArg, 'today')
    .action(
      async (ref: string, flags: TokenFlags & { to: string; reason: string }, cmd: Command) => {
        const options = globalsOf(cmd);
        const date = resolveDate(flags.date, options.timeZone);
        const { targetName, answer } = await withAllocation(options, async (client) => {
          const tokenId = await resolveTokenId(client, ref, { doctor: flags.doctor, date });
          const target = await resolveDoctor(client, flags.to);
          const answer = await mutate((requestId) =>
            client.transferToken({
              requestId,
              tokenId,
              targetDoctorId: target.doctorId,
              reason: flags.reason,
            }),
          );
          return { targetName: target.displayName, answer };
        });
        print(
          ctx,
          options,
          () => TransferTokenResponse.toJSON(answer),
          () => transferLines(answer, targetName, options.timeZone),
        );
      },
    );
}

export function registerRoomCommands(program: Command, ctx: CliContext): void {
  const room = program
    .command('room')
    .description("the doctor's room: call, recall, skip, complete (doctor key), transfer, undo");
  registerNext(room, ctx);
  registerTokenOperation(room, ctx, {
    name: 'recall',
    description: 'announce the called patient again',
    call: (c, requestId, tokenId) => c.recallToken({ requestId, tokenId }),
    toJSON: (a) => RecallTokenResponse.toJSON(a),
    lines: (a) => tokenOf(a, recallLines),
  });
  registerTokenOperation(room, ctx, {
    name: 'skip',
    description: 'the called patient did not come in: back to the queue, behind the others',
    call: (c, requestId, tokenId) => c.skipToken({ requestId, tokenId }),
    toJSON: (a) => SkipTokenResponse.toJSON(a),
    lines: (a, zone) => tokenOf(a, (t) => skipLines(t, zone)),
  });
  registerTokenOperation(room, ctx, {
    name: 'complete',
    description: 'the consultation is over',
    call: (c, requestId, tokenId) => c.completeToken({ requestId, tokenId }),
    toJSON: (a) => CompleteTokenResponse.toJSON(a),
    lines: (a) => tokenOf(a, completeLines),
  });
  registerTransfer(room, ctx);
  registerTokenOperation(room, ctx, {
    name: 'undo',
    description:
      "take back the token's last move within the undo window (by the role that made it)",
    call: (c, requestId, tokenId) => c.undoTokenTransition({ requestId, tokenId }),
    toJSON: (a) => UndoTokenTransitionResponse.toJSON(a),
    lines: (a, zone) => undoLines(a, zone),
  });
}
