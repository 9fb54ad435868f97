import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { localDate } from '../src/dates.js';
import {
  type AllocationProcess,
  KEYS,
  startAllocationProcess,
} from './support/allocation-process.js';
import { idAfter, target } from './support/cli-args.js';
import { noonZone } from '@opd/service-runtime/testing';
import { opd } from './support/run-cli.js';

// The hospital's day is chosen so that it is late morning there now: today's afternoon
// slots are still ahead, whenever the tests run.
const zone = noonZone();
let service: AllocationProcess;
const counter = () => target(service, KEYS.counter, zone);
const request = (name: string, phone: string, source: string, ...more: string[]) =>
  opd([
    ...counter(),
    'token',
    'request',
    '--doctor',
    'Meera',
    '--phone',
    phone,
    '--name',
    name,
    '--source',
    source,
    ...more,
  ]);

beforeAll(async () => {
  service = await startAllocationProcess({ OPD_TIME_ZONE: zone });
  const created = await opd([
    ...target(service, KEYS.admin, zone),
    'doctor',
    'create',
    '--name',
    'Dr. Meera Rao',
    '--department',
    'ENT',
    // One place an hour in the afternoon: a small day that fills up quickly.
    '--session',
    'daily=16:00-18:00/60x1',
  ]);
  if (created.code !== 0) throw new Error(created.err);
}, 90_000);
afterAll(() => service?.stop());

describe('the counter working through a day from the command line', () => {
  let first = '';

  it('gives a walk-in a token for today and says which slot', async () => {
    const run = await request('Asha Rao', '98450 12345', 'walk-in');
    expect(run.err).toBe('');
    expect(run.out).toContain(
      `Token 1 for Asha Rao with Dr. Meera Rao on ${localDate(zone)}, slot 16:00-17:00 (WALK_IN).`,
    );
    first = idAfter(run.out, 'token_id');
  });

  it('honours a preferred time given as --at', async () => {
    const run = await request('Ravi Kumar', '+91 98450 12346', 'online', '--at', '17:00');
    expect(run.out).toContain('slot 17:00-18:00 (ONLINE)');
  });

  it('lists the slot start times when --at names none', async () => {
    const run = await request('Ravi Kumar', '+91 98450 12346', 'online', '--at', '16:30');
    expect(run.code).toBe(2);
    expect(run.err).toContain('No slot starts at 16:30 on');
    expect(run.err).toContain('slots start at 16:00, 17:00.');
  });

  it('puts a patient on the waitlist when the day is full, and says where', async () => {
    const run = await request('Vikram Shah', '98450 12347', 'online');
    expect(run.out).toContain("Every slot is full: Vikram Shah is on Dr. Meera Rao's waitlist");
    expect(run.out).toContain('at position 1.');
  });

  it('lets an emergency displace the latest online booking and names the displaced token', async () => {
    const run = await request('Imran Khan', '98450 12348', 'emergency');
    expect(run.out).toContain('Token 3 for Imran Khan');
    expect(run.out).toContain('displaced token 2 to the waitlist at position 1');
    expect(run.out).toContain('tell that patient.');
  });

  it('explains a refusal in a sentence with its reason, and exits non-zero', async () => {
    const run = await request('Asha Rao', '98450 12345', 'paid');
    expect(run.code).toBe(1);
    expect(run.err).toContain(
      'The patient already holds token 1 for this doctor-day (ALREADY_EXISTS, PATIENT_ALREADY_HOLDS_TOKEN).',
    );
    expect(run.err).toContain('details: token_id=');
  });

  it('lists every bad field the service names', async () => {
    const run = await request('Nobody', '12', 'walk-in');
    expect(run.code).toBe(1);
    expect(run.err).toContain(
      'The request has fields the service cannot accept (INVALID_ARGUMENT, FIELD_VIOLATION):',
    );
    expect(run.err).toMatch(/ {2}- patient_phone: /);
  });

  it('refuses a no-show before the grace period is over, saying from when', async () => {
    const run = await opd([...counter(), 'token', 'no-show', first]);
    expect(run.code).toBe(1);
    expect(run.err).toContain('A no-show can be marked from');
    expect(run.err).toContain('(FAILED_PRECONDITION, GRACE_PERIOD_NOT_OVER).');
  });

  it('checks a patient in and completes the consultation', async () => {
    const checkIn = await opd([...counter(), 'token', 'check-in', first]);
    expect(checkIn.out).toContain('token 1 (Asha Rao)');
    expect(checkIn.out).toContain('WALK_IN, CHECKED_IN.');
    const complete = await opd([...counter(), 'token', 'complete', first]);
    expect(complete.out).toContain('WALK_IN, COMPLETED.');
    const again = await opd([...counter(), 'token', 'complete', first]);
    expect(again.err).toContain('(FAILED_PRECONDITION, INVALID_TRANSITION).');
  });

  it('shows the board: slots, tokens in every status, and the waitlist', async () => {
    const run = await opd([...counter(), 'board', 'meera']);
    const lines = run.out.split('\n');
    expect(lines[0]).toBe(`Dr. Meera Rao (ENT)  ${localDate(zone)}  ${zone}  board version 9`);
    expect(lines[1]).toMatch(/^SLOT\s+PLACES\s+TOKEN\s+PATIENT\s+SOURCE\s+STATUS$/);
    expect(lines[2]).toMatch(/^16:00-17:00\s+1\/1\s+#1\s+Asha Rao\s+WALK_IN\s+COMPLETED$/);
    expect(lines[3]).toMatch(/^17:00-18:00\s+1\/1\s+#2\s+Ravi Kumar\s+ONLINE\s+PREEMPTED$/);
    expect(lines[4]).toMatch(/^\s+#3\s+Imran Khan\s+EMERGENCY\s+ALLOCATED$/);
    expect(run.out).toContain('2 of 2 places taken (2 tokens held), 2 waiting');
    expect(run.out).toMatch(/^\s+1\s+Ravi Kumar\s+ONLINE\s+\d\d:\d\d\s+[0-9a-f-]{36}$/m);
    expect(run.out).toMatch(/^\s+2\s+Vikram Shah\s+ONLINE/m);
  });

  it('cancels a token and reports who was promoted into the place', async () => {
    const board = await opd([...counter(), '--json', 'board', 'meera']);
    const json = JSON.parse(board.out) as {
      board: { tokens: { tokenId: string; tokenNumber: number }[] };
    };
    const emergency = json.board.tokens.find((t) => t.tokenNumber === 3)?.tokenId ?? '';
    const run = await opd([
      ...counter(),
      'token',
      'cancel',
      emergency,
      '--reason',
      'Went elsewhere',
    ]);
    expect(run.out).toContain('token 3 (Imran Khan)');
    expect(run.out).toContain('EMERGENCY, CANCELLED.');
    expect(run.out).toContain('promoted Ravi Kumar from the waitlist to token 4, 17:00-18:00');
  });

  it('finds what a patient holds by phone number', async () => {
    const run = await opd([...counter(), 'patient', 'find', '9845012346']);
    expect(run.out).toContain('Ravi Kumar (patient_id');
    expect(run.out).toMatch(/Dr. Meera Rao\s+token 4\s+17:00-18:00\s+ONLINE\s+ALLOCATED/);
  });

  it('withdraws a waiting patient', async () => {
    const board = await opd([...counter(), 'board', 'meera']);
    const entry = /Vikram Shah\s+ONLINE\s+\d\d:\d\d\s+([0-9a-f-]{36})/.exec(board.out)?.[1] ?? '';
    expect(board.out).toContain('1 waiting');
    expect(board.out).not.toMatch(/^\s+\d+\s+Ravi Kumar/m);
    const run = await opd([...counter(), 'waitlist', 'cancel', entry]);
    expect(run.out).toBe('Vikram Shah is off the waitlist.\n');
    expect((await opd([...counter(), 'board', 'meera'])).out).toContain('0 waiting');
  });

  it('says plainly when the service cannot be reached', async () => {
    const run = await opd(['--allocation', '127.0.0.1:1', '--key', 'k', 'doctor', 'list']);
    expect(run.code).toBe(1);
    expect(run.err).toContain(
      'Cannot reach the allocation service at 127.0.0.1:1 (connect ECONNREFUSED',
    );
    expect(run.err).toContain('Is it running? `npm start` runs the whole stack');
  });

  it('says how to send a key when none was given', async () => {
    const run = await opd(['--allocation', service.address, 'doctor', 'list']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('No API key was sent: pass --key <key> or set OPD_API_KEY');
  });
});

describe('following a day with board --watch', () => {
  const versions = (text: string) =>
    [...text.matchAll(/board version (\d+)/g)].map((m) => Number(m[1]));
  const until = async (ready: () => boolean) => {
    for (let waited = 0; !ready(); waited += 20) {
      if (waited > 20_000) throw new Error('the watch printed nothing new');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  it('prints the board, then after each change the events and the whole board again', async () => {
    const controller = new AbortController();
    let out = '';
    const watching = opd([...counter(), 'board', 'meera', '--watch'], {
      signal: controller.signal,
      onOutput: (printed) => (out = printed),
    });
    await until(() => versions(out).length > 0);
    const first = versions(out)[0] ?? 0;

    expect((await request('Kiran Mehta', '98450 12399', 'online')).code).toBe(0);
    const board = await opd([...counter(), 'board', 'meera']);
    const now = versions(board.out)[0] ?? 0;
    await until(() => versions(out).includes(now));
    controller.abort();
    expect((await watching).code).toBe(0);

    expect(now).toBeGreaterThan(first);
    // The text asks for changes only and applies them: what it prints is the whole board, the
    // new patient on it, as a board read afresh shows it.
    const last = out.slice(out.lastIndexOf('board version'));
    expect(out).toMatch(/^> /m);
    expect(last).toContain('Kiran Mehta');
    const rows = (text: string) =>
      text.split('\n').filter((line) => /Kiran Mehta|Asha Rao|waiting/.test(line));
    expect(rows(last)).toEqual(rows(board.out.slice(board.out.indexOf('board version'))));
  });
});
