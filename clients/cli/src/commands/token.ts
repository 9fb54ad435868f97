import {
  CancelTokenResponse,
  CheckInTokenResponse,
  CompleteTokenResponse,
  GetTokenResponse,
  MarkNoShowResponse,
  type Promotion,
  RequestTokenResponse,
  type Source,
  type Token,
} from '@opd/api';
import type { Command } from 'commander';
import { type AllocationClient, withAllocation } from '../clients.js';
import { resolveDate } from '../dates.js';
import { resolveDoctor } from '../doctor-ref.js';
import { CliError, UsageError } from '../errors.js';
import {
  clock,
  describePreemption,
  describePromotion,
  describeToken,
  moveWords,
  sourceName,
  tokenSlotLabel,
  tokenStatusName,
} from '../format.js';
import { globalsOf } from '../global-options.js';
import type { CliContext } from '../io.js';
import { mutate } from '../mutate.js';
import { dateArg, sourceArg, timeArg, uuidArg } from '../parse.js';
import { print } from '../print.js';

interface RequestFlags {
  doctor: string;
  date: string;
  phone: string;
  name: string;
  source: Source;
  at?: string;
  slot?: string;
  notes?: string;
}

/** The slot starting at a local time, for --at; the error lists the times there are. */
async function slotAt(
  client: AllocationClient,
  doctorId: string,
  date: string,
  at: string,
): Promise<string> {
  const { board } = await client.getDoctorDayBoard({ doctorId, date });
  const slots = board?.slots ?? [];
  const slot = slots.find((s) => s.localStartTime === at);
  if (!slot) {
    const starts = slots.map((s) => s.localStartTime).join(', ');
    throw new CliError(
      starts
        ? `No slot starts at ${at} on ${date}; slots start at ${starts}.`
        : `The doctor has no slots on ${date}.`,
      2,
    );
  }
  return slot.slotId;
}

const tokenLines = (token: Token, zone: string): string[] => [
  `Token ${token.tokenNumber}: ${token.patientName}, ${token.date} ${tokenSlotLabel(token)}`,
  `  status     ${tokenStatusName(token.status)}${token.protected ? ' (protected)' : ''}`,
  `  source     ${sourceName(token.source)} (priority ${token.priority})`,
  `  requested  ${clock(zone, token.requestTime)}, issued ${clock(zone, token.allocateTime)}`,
  ...(token.checkInTime ? [`  checked in ${clock(zone, token.checkInTime)}`] : []),
  ...(token.queuePlace > 0
    ? [`  queue      place ${token.queuePlace}, expected ${clock(zone, token.expectedCallTime)}`]
    : []),
  ...(token.callTime ? [`  called     ${clock(zone, token.callTime)}`] : []),
  ...(token.skipCount + token.recallCount > 0
    ? [`  room       skipped ${token.skipCount}, recalled ${token.recallCount}`]
    : []),
  ...(token.completeTime ? [`  completed  ${clock(zone, token.completeTime)}`] : []),
  ...(token.transferTime
    ? [
        `  transferred ${clock(zone, token.transferTime)} (${token.transferReason}), ` +
          `now token_id ${token.transferredToTokenId}`,
      ]
    : []),
  ...(token.transferredFromTokenId
    ? [`  transferred from token_id ${token.transferredFromTokenId}`]
    : []),
  ...(token.undoableUntil
    ? [
        `  undo       the ${moveWords(token.undoableMove)} until ${clock(zone, token.undoableUntil)}`,
      ]
    : []),
  ...(token.preemptionReason ? [`  displaced  ${token.preemptionReason}`] : []),
  ...(token.cancelReason ? [`  cancelled  ${token.cancelReason}`] : []),
  `  token_id   ${token.tokenId}`,
  `  doctor_id  ${token.doctorId}`,
];

const promotionLines = (promotions: readonly Promotion[]) =>
  promotions.map((p) => `  ${describePromotion(p)}`);

function registerRequest(token: Command, ctx: CliContext): void {
  token
    .command('request')
    .description('ask for a token for a patient with a doctor on a date')
    .requiredOption('--doctor <doctor>', 'doctor id or a unique part of the name')
    .requiredOption('--phone <phone>', "the patient's phone number, any common format")
    .requiredOption('--name <name>', "the patient's name")
    .requiredOption('--source <source>', 'emergency, paid, follow-up, walk-in or online', sourceArg)
    .option('--date <date>', 'YYYY-MM-DD, today, tomorrow or +N days', dateArg, 'today')
    .option('--at <HH:MM>', 'preferred slot, by its local start time', timeArg)
    .option('--slot <slot-id>', 'preferred slot, by id', uuidArg)
    .option('--notes <text>', 'notes for the counter and the doctor')
    .action(async (flags: RequestFlags, command: Command) => {
      const options = globalsOf(command);
      if (flags.at && flags.slot) throw new UsageError('Give --at or --slot, not both.');
      const date = resolveDate(flags.date, options.timeZone);
      const { doctorName, answer } = await withAllocation(options, async (client) => {
        const doctor = await resolveDoctor(client, flags.doctor);
        const preferredSlotId = flags.at
          ? await slotAt(client, doctor.doctorId, date, flags.at)
          : (flags.slot ?? '');
        const answer = await mutate((requestId) =>
          client.requestToken({
            requestId,
            patientId: '',
            patientPhone: flags.phone,
            patientName: flags.name,
            doctorId: doctor.doctorId,
            date,
            source: flags.source,
            preferredSlotId,
            notes: flags.notes ?? '',
          }),
        );
        return { doctorName: doctor.displayName, answer };
      });
      print(
        ctx,
        options,
        () => RequestTokenResponse.toJSON(answer),
        () => {
          const outcome = answer.outcome;
          if (outcome?.$case === 'allocated' && outcome.value.token) {
            const t = outcome.value.token;
            const preemption = outcome.value.preemption;
            return [
              `Token ${t.tokenNumber} for ${t.patientName} with ${doctorName} on ${t.date}, ` +
                `slot ${tokenSlotLabel(t)} (${sourceName(t.source)}).`,
              `  token_id ${t.tokenId}`,
              ...(preemption ? [`  ${describePreemption(preemption)}: tell that patient.`] : []),
            ];
          }
          if (outcome?.$case === 'waitlisted' && outcome.value.waitlistEntry) {
            const entry = outcome.value.waitlistEntry;
            return [
              `Every slot is full: ${entry.patientName} is on ${doctorName}'s waitlist for ${entry.date} ` +
                `at position ${entry.position}.`,
              `  waitlist_entry_id ${entry.waitlistEntryId}`,
            ];
          }
          return ['The service answered without a token or a waitlist place.'];
        },
      );
    });
}

/** One token transition command: cancel, check-in, complete, no-show. */
function registerTransition<R extends { token?: Token | undefined; promotions?: Promotion[] }>(
  token: Command,
  ctx: CliContext,
  spec: {
    name: string;
    description: string;
    withReason?: boolean;
    call: (
      client: AllocationClient,
      requestId: string,
      tokenId: string,
      reason: string,
    ) => Promise<R>;
    toJSON: (answer: R) => unknown;
  },
): void {
  const command = token
    .command(spec.name)
    .description(spec.description)
    .argument('<token-id>', 'the token (UUID)', uuidArg);
  if (spec.withReason) command.option('--reason <text>', 'why, for staff', '');
  command.action(async (tokenId: string, flags: { reason?: string }, cmd: Command) => {
    const options = globalsOf(cmd);
    const answer = await withAllocation(options, (client) =>
      mutate((requestId) => spec.call(client, requestId, tokenId, flags.reason ?? '')),
    );
    print(
      ctx,
      options,
      () => spec.toJSON(answer),
      () => [
        answer.token ? `${describeToken(answer.token)}.` : `Token ${tokenId} changed.`,
        ...promotionLines(answer.promotions ?? []),
      ],
    );
  });
}

export function registerTokenCommands(program: Command, ctx: CliContext): void {
  const token = program.command('token').description('request tokens and move them along');
  registerRequest(token, ctx);

  token
    .command('show')
    .description('one token in any status')
    .argument('<token-id>', 'the token (UUID)', uuidArg)
    .action(async (tokenId: string, _flags: unknown, command: Command) => {
      const options = globalsOf(command);
      const answer = await withAllocation(options, (client) => client.getToken({ tokenId }));
      print(
        ctx,
        options,
        () => GetTokenResponse.toJSON(answer),
        () => (answer.token ? tokenLines(answer.token, options.timeZone) : []),
      );
    });

  registerTransition(token, ctx, {
    name: 'cancel',
    description: 'cancel a token; the place goes to the best waiting patient',
    withReason: true,
    call: (c, requestId, tokenId, reason) => c.cancelToken({ requestId, tokenId, reason }),
    toJSON: (a) => CancelTokenResponse.toJSON(a),
  });
  registerTransition(token, ctx, {
    name: 'check-in',
    description: 'the patient has arrived',
    call: (c, requestId, tokenId) => c.checkInToken({ requestId, tokenId }),
    toJSON: (a) => CheckInTokenResponse.toJSON(a),
  });
  registerTransition(token, ctx, {
    name: 'complete',
    description: 'the consultation is over',
    call: (c, requestId, tokenId) => c.completeToken({ requestId, tokenId }),
    toJSON: (a) => CompleteTokenResponse.toJSON(a),
  });
  registerTransition(token, ctx, {
    name: 'no-show',
    description: 'the patient did not come (allowed once the grace period is over)',
    call: (c, requestId, tokenId) => c.markNoShow({ requestId, tokenId }),
    toJSON: (a) => MarkNoShowResponse.toJSON(a),
  });
}
