import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, localDate } from '../src/dates.js';
import {
  type AllocationProcess,
  KEYS,
  startAllocationProcess,
} from './support/allocation-process.js';
import { target } from './support/cli-args.js';
import { opd } from './support/run-cli.js';

let service: AllocationProcess;
const tomorrow = addDays(localDate('Asia/Kolkata'), 1);
const stream = () => [
  '--nats',
  service.natsUrl,
  'events',
  'tail',
  '--stream',
  service.stream.name,
  '--subject',
  `${service.stream.subjectPrefix}.>`,
];

beforeAll(async () => {
  service = await startAllocationProcess();
  const admin = target(service, KEYS.admin);
  const steps = [
    [
      'doctor',
      'create',
      '--name',
      'Dr. Meera Rao',
      '--department',
      'ENT',
      '--session',
      'daily=09:00-10:00/30x1',
    ],
    [
      'token',
      'request',
      '--doctor',
      'Meera',
      '--date',
      tomorrow,
      '--phone',
      '9845012345',
      '--name',
      'Asha Rao',
      '--source',
      'walk-in',
    ],
    [
      'token',
      'request',
      '--doctor',
      'Meera',
      '--date',
      tomorrow,
      '--phone',
      '9845012346',
      '--name',
      'Ravi Kumar',
      '--source',
      'online',
    ],
    [
      'token',
      'request',
      '--doctor',
      'Meera',
      '--date',
      tomorrow,
      '--phone',
      '9845012347',
      '--name',
      'Imran Khan',
      '--source',
      'emergency',
    ],
  ];
  for (const step of steps) {
    const run = await opd([...admin, ...step]);
    if (run.code !== 0) throw new Error(run.err);
  }
}, 90_000);
afterAll(() => service?.stop());

/** Tails with a safety net: the run stops after 20 s even if fewer events arrive. */
const tail = (...args: string[]) => opd([...args], { signal: AbortSignal.timeout(20_000) });

describe('following the event stream from the command line', () => {
  it('prints each committed change as one line, in commit order, with doctor names', async () => {
    const run = await tail(...target(service, KEYS.admin), ...stream(), '--all', '--count', '6');
    expect(run.err).toBe('');
    const lines = run.out.trim().split('\n');
    expect(lines.map((l) => / {2}([a-z_]+) {2}/.exec(l)?.[1])).toEqual([
      'doctor_day_opened',
      'token_allocated',
      'token_allocated',
      'token_preempted',
      'token_allocated',
      'waitlist_entry_added',
    ]);
    expect(lines[0]).toMatch(
      new RegExp(
        `^\\d\\d:\\d\\d:\\d\\d  ${tomorrow} Dr\\. Meera Rao #1  doctor_day_opened  Dr\\. Meera Rao \\(ENT\\), 2 slots  by admin$`,
      ),
    );
    expect(lines[1]).toContain('token 1 in the 09:00 slot, WALK_IN');
    expect(lines[3]).toContain('token 2 displaced');
    expect(lines[4]).toContain('token 3 in the 09:30 slot, EMERGENCY');
    expect(lines[5]).toContain('ONLINE at position 1 (displaced)');
  }, 30_000);

  it('starts from the last N events and prints JSON envelopes with --json', async () => {
    const run = await tail('--json', ...stream(), '--last', '1', '--count', '1');
    const line = JSON.parse(run.out) as {
      streamSequence: number;
      event: { sequence: number; waitlistEntryAdded?: { position: number; source: string } };
    };
    expect(line.streamSequence).toBe(6);
    expect(line.event.sequence).toBe(6);
    expect(line.event.waitlistEntryAdded).toMatchObject({ position: 1, source: 'SOURCE_ONLINE' });
  }, 30_000);

  it('stops cleanly when interrupted while waiting for new events', async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 1_000);
    const run = await opd([...stream(), '--new', '--no-names'], { signal: stop.signal });
    expect(run).toEqual({ code: 0, out: '', err: '' });
  }, 30_000);

  it('says when the stream does not exist', async () => {
    const run = await tail(
      '--nats',
      service.natsUrl,
      'events',
      'tail',
      '--stream',
      'NO_SUCH_STREAM',
      '--no-names',
    );
    expect(run.code).toBe(1);
    expect(run.err).toContain(
      'NATS has no stream NO_SUCH_STREAM: the allocation service creates it when it starts.',
    );
  });
});
