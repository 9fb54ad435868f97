import { type Command, Option } from 'commander';
import { type AllocationClient, withAllocation } from '../clients.js';
import { resolveDate } from '../dates.js';
import { resolveDoctor } from '../doctor-ref.js';
import { CliError } from '../errors.js';
import { globalsOf } from '../global-options.js';
import type { CliContext } from '../io.js';
import { dateArg, positiveNumberArg, wholeNumberArg } from '../parse.js';
import { chooseSimulationDay, simulatedClock } from '../simulator/simulation-day.js';
import { type SimulationResult, Simulator } from '../simulator/simulator.js';

interface SimulateFlags {
  speed: number;
  minutes: number;
  rate?: number;
  seed?: number;
  date?: string;
  doctor?: string[];
  concurrency: number;
  quiet?: boolean;
  doctorKey?: string;
}

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

function summary(result: SimulationResult): string[] {
  const { tally } = result;
  const { misses } = tally;
  const latency = tally.latency();
  const refused = [...misses.refused].map(([reason, n]) => `${n} ${reason}`).join(', ');
  const rooms = result.rooms;
  return [
    '',
    ...tally.table(),
    '',
    ...(rooms.count('calls') > 0
      ? [
          ...rooms.table(),
          '',
          `The rooms called ${rooms.count('calls')} times, recalled ${rooms.count('recalls')}, ` +
            `skipped ${rooms.count('skips')}, saw ${rooms.count('seen')} patients and ` +
            `transferred ${rooms.count('transferred')}.`,
        ]
      : []),
    `RequestToken round trip: p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms over ${tally.requestLatenciesMs.length} calls.`,
    ...(tally.displacedOutsiders > 0
      ? [`${tally.displacedOutsiders} token(s) booked before the simulation were displaced.`]
      : []),
    ...(misses.alreadyHeld > 0
      ? [`${misses.alreadyHeld} request(s) from patients who already held a place.`]
      : []),
    ...(misses.noShowTooEarly > 0
      ? [
          `${misses.noShowTooEarly} no-show(s) not marked: the grace period runs on the service's real clock and was not over.`,
        ]
      : []),
    ...(misses.raced > 0
      ? [`${misses.raced} action(s) overtaken by another change (e.g. the no-show sweeper).`]
      : []),
    ...(refused ? [`Refused: ${refused}.`] : []),
    ...(misses.errors > 0 ? [`${misses.errors} call(s) failed unexpectedly (printed above).`] : []),
    result.violations.length === 0
      ? 'Invariants hold on every board: no slot over capacity, nobody waiting while a live slot has room.'
      : `INVARIANT VIOLATIONS:\n${result.violations.map((v) => `  - ${v}`).join('\n')}`,
  ];
}

export function registerSimulateCommand(program: Command, ctx: CliContext): void {
  program
    .command('simulate')
    .description('play a realistic OPD morning through the gRPC API and print what happened')
    .option(
      '--speed <x>',
      'simulated minutes per real minute (60 = a minute a second, 1 = real time)',
      positiveNumberArg,
      60,
    )
    .option('--minutes <n>', 'simulated minutes to play', positiveNumberArg, 180)
    .option(
      '--rate <n>',
      'arrivals per simulated minute (default 0.1 per working doctor)',
      positiveNumberArg,
    )
    .option('--seed <n>', 'random seed, to replay the same arrivals', wholeNumberArg)
    .option(
      '--date <date>',
      'the day to play (default: today if slots are left, else tomorrow)',
      dateArg,
    )
    .option('--doctor <doctor>', 'only this doctor (repeatable; id or part of the name)', collect)
    .option(
      '--concurrency <n>',
      'calls in flight at once (counters working side by side)',
      wholeNumberArg,
      8,
    )
    .option('--quiet', 'print only the summary')
    .addOption(
      new Option(
        '--doctor-key <key>',
        "API key the doctors' rooms call patients in with (doctor or admin role; default --key)",
      ).env('OPD_DOCTOR_API_KEY'),
    )
    .action(async (flags: SimulateFlags, command: Command) => {
      const options = globalsOf(command);
      const seed = flags.seed ?? Date.now() % 1_000_000;
      const result = await withAllocation(
        { ...options, timeout: Math.max(options.timeout, 30) },
        async (client) => {
          const doctorIds = flags.doctor
            ? await Promise.all(
                flags.doctor.map(async (ref) => (await resolveDoctor(client, ref)).doctorId),
              )
            : undefined;
          const day = await chooseSimulationDay(client, {
            date: flags.date ? resolveDate(flags.date, options.timeZone) : 'auto',
            timeZone: options.timeZone,
            ...(doctorIds ? { doctorIds } : {}),
          });
          const play = (roomClient: AllocationClient) => {
            const simulator = new Simulator(client, {
              day,
              minutes: flags.minutes,
              speed: flags.speed,
              ...(flags.rate === undefined ? {} : { ratePerMinute: flags.rate }),
              seed,
              roomClient,
              concurrency: Math.max(1, flags.concurrency),
              signal: ctx.signal,
              onLine: (line) => {
                if (!flags.quiet) ctx.output.out(line);
              },
            });
            ctx.output.out(
              `Simulating ${day.date}${day.isToday ? ' (today)' : ''} from ${simulatedClock(day, 0)} for ` +
                `${flags.minutes} simulated minutes at ${flags.speed}x: ${day.doctors.length} doctors, ` +
                `${simulator.ratePerMinute.toFixed(2)} arrivals a minute, seed ${seed}.` +
                (day.isToday
                  ? ''
                  : ' Check-ins open on the day itself, so this run books and cancels only.'),
            );
            return simulator.run();
          };
          // The rooms call patients in with a doctor key when one is given.
          return flags.doctorKey
            ? withAllocation(
                { ...options, key: flags.doctorKey, timeout: Math.max(options.timeout, 30) },
                play,
              )
            : play(client);
        },
      );
      ctx.output.out(
        [
          ...(result.stoppedEarly ? ['Stopped early.'] : []),
          ...summary(result),
          `Played in ${result.realSeconds.toFixed(1)} s.`,
        ].join('\n'),
      );
      if (result.violations.length > 0)
        throw new CliError('The simulation found broken invariants.');
    });
}
