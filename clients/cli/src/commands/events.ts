import { EventEnvelope } from '@opd/api';
import { type Command, InvalidArgumentError } from 'commander';
import { withAllocation } from '../clients.js';
import { listAllDoctors } from '../doctor-ref.js';
import { describeEvent } from '../events/describe-event.js';
import { type TailStart, tailEvents } from '../events/tail-events.js';
import { globalsOf } from '../global-options.js';
import type { CliContext } from '../io.js';
import { wholeNumberArg } from '../parse.js';

const UNITS: Readonly<Record<string, number>> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** --since: an ISO instant or a duration back from now (90s, 10m, 2h, 1d). */
function sinceArg(value: string): Date {
  const ago = /^(\d+)([smhd])$/.exec(value);
  if (ago) return new Date(Date.now() - Number(ago[1]) * (UNITS[ago[2] ?? 's'] ?? 1_000));
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) {
    throw new InvalidArgumentError(
      'expected an ISO instant (2026-11-27T09:00:00+05:30) or 10m, 2h, 1d',
    );
  }
  return instant;
}

interface TailFlags {
  stream: string;
  subject: string;
  last: number;
  all?: boolean;
  new?: boolean;
  since?: Date;
  count?: number;
  names?: boolean;
}

function startOf(flags: TailFlags): TailStart {
  if (flags.all) return { kind: 'all' };
  if (flags.new) return { kind: 'new' };
  if (flags.since) return { kind: 'since', instant: flags.since };
  return { kind: 'last', count: flags.last };
}

/** Doctor names for the lines, if the allocation service answers; ids otherwise. */
async function doctorNames(command: Command): Promise<Map<string, string>> {
  try {
    const doctors = await withAllocation({ ...globalsOf(command), timeout: 3 }, (client) =>
      listAllDoctors(client, { showInactive: true }),
    );
    return new Map(doctors.map((d) => [d.doctorId, d.displayName]));
  } catch {
    return new Map();
  }
}

export function registerEventsCommands(program: Command, ctx: CliContext): void {
  const prefix = process.env['OPD_EVENT_SUBJECT_PREFIX'] ?? 'opd.v1.events';
  program
    .command('events')
    .description('the event stream on NATS JetStream')
    .command('tail')
    .description('print events as they are committed (Ctrl-C stops)')
    .option('--stream <name>', 'JetStream stream', process.env['OPD_EVENT_STREAM'] ?? 'OPD_EVENTS')
    .option(
      '--subject <filter>',
      'subject filter, e.g. opd.v1.events.token_allocated',
      `${prefix}.>`,
    )
    .option('--last <n>', 'start with the last n events of the stream', wholeNumberArg, 10)
    .option('--all', 'start from the first event in the stream')
    .option('--new', 'only events committed from now on')
    .option('--since <when>', 'start at an instant, or 10m / 2h / 1d ago', sinceArg)
    .option('--count <n>', 'stop after n events', wholeNumberArg)
    .option('--no-names', 'do not ask the allocation service for doctor names')
    .action(async (flags: TailFlags, command: Command) => {
      const options = globalsOf(command);
      const names =
        flags.names === false || options.json
          ? new Map<string, string>()
          : await doctorNames(command);
      await tailEvents(
        {
          natsServers: options.nats,
          stream: flags.stream,
          subject: flags.subject,
          start: startOf(flags),
          ...(flags.count === undefined ? {} : { maxEvents: flags.count }),
          signal: ctx.signal,
        },
        (event, streamSequence) =>
          ctx.output.out(
            options.json
              ? JSON.stringify({ streamSequence, event: EventEnvelope.toJSON(event) })
              : describeEvent(event, options.timeZone, names),
          ),
      );
    });
}
