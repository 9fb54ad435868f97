// The doctor's room from the command line, each command run as its own process against the
// real allocation service (and reporting, for the day's figures at the end), so the exit codes
// and everything printed are as in a terminal. Setting the day up runs in-process: it is
// tested elsewhere.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { promiseClient, ReportingServiceService } from '@opd/api';
import { noonZone } from '@opd/service-runtime/testing';
import { localDate } from '../src/dates.js';
import {
  type AllocationProcess,
  KEYS,
  startAllocationProcess,
} from './support/allocation-process.js';
import { idAfter, target } from './support/cli-args.js';
import { opdProcess } from './support/cli-process.js';
import { type ReportingProcess, startReportingProcess } from './support/reporting-process.js';
import { opd } from './support/run-cli.js';

// Late morning in the hospital's zone: today's afternoon slots are ahead, and the room is open.
const zone = noonZone();
const today = localDate(zone);
let allocation: AllocationProcess;
let reporting: ReportingProcess;
const as = (key: string) => target(allocation, key, zone);
const doctor = (...args: string[]) => opdProcess([...as(KEYS.doctor), ...args]);
const counter = (...args: string[]) => opdProcess([...as(KEYS.counter), ...args]);
/** A step between the ones under test, in-process (quicker on a busy machine). */
const meanwhile = (...args: string[]) => opd([...as(KEYS.doctor), ...args]);
const ids: Record<string, string> = {};

/** Runs an in-process setup step that must succeed; returns what it printed. */
async function setUp(key: string, ...args: string[]): Promise<string> {
  const run = await opd([...as(key), ...args]);
  if (run.code !== 0) throw new Error(`${args.join(' ')}: ${run.err}`);
  return run.out;
}

const book = (doctorName: string, name: string, phone: string, source = 'walk-in') =>
  setUp(
    KEYS.counter,
    'token',
    'request',
    '--doctor',
    doctorName,
    '--phone',
    phone,
    '--name',
    name,
    '--source',
    source,
  );

beforeAll(async () => {
  allocation = await startAllocationProcess({ OPD_TIME_ZONE: zone });
  reporting = await startReportingProcess(allocation);
  const create = (name: string, department: string, room: string, session: string) =>
    setUp(
      KEYS.admin,
      'doctor',
      'create',
      '--name',
      name,
      '--department',
      department,
      '--room',
      room,
      '--session',
      session,
    );
  // Three places an hour: 20 minutes a patient until the room has learned its own pace.
  await create('Dr. Meera Rao', 'ENT', 'OPD 2, Room 14', 'daily=16:00-18:00/60x3');
  await create('Dr. Arjun Nair', 'Cardiology', 'OPD 1, Room 3', 'daily=16:00-18:00/60x3');
  // One place, taken by an emergency: nobody can be transferred there.
  await create('Dr. Sunita Reddy', 'Paediatrics', 'OPD 3, Room 1', 'daily=16:00-17:00/60x1');
  await book('Sunita', 'Farah Qureshi', '9845000001', 'emergency');
  for (const [name, phone] of [
    ['Asha Rao', '9845012341'],
    ['Ravi Kumar', '9845012342'],
    ['Imran Khan', '9845012343'],
    ['Vikram Shah', '9845012344'],
  ] as const) {
    ids[name] = idAfter(await book('Meera', name, phone), 'token_id');
  }
  for (const name of ['Asha Rao', 'Ravi Kumar', 'Imran Khan']) {
    await setUp(KEYS.counter, 'token', 'check-in', ids[name] ?? '');
  }
}, 120_000);
afterAll(async () => {
  await reporting?.stop();
  await allocation?.stop();
});

describe("the doctor's room from the command line", () => {
  it('calls the first patient of the queue in and says how many still wait', async () => {
    const run = await doctor('room', 'next', 'meera');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toBe(
      'Called token 1: Asha Rao (WALK_IN, slot 16:00-17:00).\n2 still waiting.\n' +
        `  token_id ${ids['Asha Rao']}\n`,
    );
  });

  it('refuses to call the next while a patient is in the room, and says what to do', async () => {
    const run = await doctor('room', 'next', 'meera');
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err).toContain(
      'Token 1 is called already: complete, skip or undo it first (FAILED_PRECONDITION, TOKEN_ALREADY_CALLED).',
    );
    expect(run.err).toContain(
      `Finish with token 1 first: \`opd room complete ${ids['Asha Rao']}\``,
    );
  });

  it('tells a counter that calling patients in needs a doctor key', async () => {
    const run = await counter('room', 'next', 'meera');
    expect(run.code).toBe(1);
    expect(run.err).toContain('(PERMISSION_DENIED, ROLE_NOT_ALLOWED).');
    expect(run.err).toContain('CallNext needs a doctor (or admin) key');
  });

  it('shows the queue: the room and its pace on top, the called patient, then who is next and when', async () => {
    const run = await doctor('queue', 'meera');
    expect(run.code).toBe(0);
    const lines = run.out.trimEnd().split('\n');
    expect(lines[0]).toBe(`Dr. Meera Rao (ENT), OPD 2, Room 14  ${today}  about 20 min a patient`);
    expect(lines[1]).toMatch(/^\s+PLACE\s+TOKEN\s+PATIENT\s+EXPECTED\s+SOURCE\s+NOTE$/);
    expect(lines[2]).toMatch(/^in room\s+#1\s+Asha Rao\s+WALK_IN\s+called \d\d:\d\d$/);
    expect(lines[3]).toMatch(/^\s+1\s+#2\s+Ravi Kumar\s+\d\d:\d\d\s+WALK_IN$/);
    expect(lines[4]).toMatch(/^\s+2\s+#3\s+Imran Khan\s+\d\d:\d\d\s+WALK_IN$/);
    expect(lines.slice(5)).toEqual(['', '2 waiting; 1 more booked, not checked in yet.']);
  });

  it('announces the called patient again, named by token number', async () => {
    const run = await doctor('room', 'recall', '1', '--doctor', 'meera');
    expect(run.code).toBe(0);
    expect(run.out).toBe('Announced token 1 (Asha Rao) again (recalled once).\n');
  });

  it('refuses to recall a patient who is not called in', async () => {
    const run = await doctor('room', 'recall', ids['Ravi Kumar'] ?? '');
    expect(run.code).toBe(1);
    expect(run.err).toContain('(FAILED_PRECONDITION, TOKEN_NOT_CALLED).');
    expect(run.err).toContain(
      'That token is CHECKED_IN: only the patient called into the room can be recalled or skipped',
    );
  });

  it('skips a patient who does not come in: they wait behind everyone not skipped', async () => {
    const run = await doctor('room', 'skip', ids['Asha Rao'] ?? '');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(
      /^Skipped token 1 \(Asha Rao\): back in the queue behind everyone not skipped, place 3 in the queue, expected \d\d:\d\d \(skipped once\)\.\n$/,
    );
    const queue = await meanwhile('queue', 'meera');
    expect(queue.out).toMatch(/^\s+3\s+#1\s+Asha Rao\s+\d\d:\d\d\s+WALK_IN\s+skipped once$/m);
    expect(queue.out).not.toContain('in room');
    const shown = await meanwhile('token', 'show', ids['Asha Rao'] ?? '');
    expect(shown.out).toContain('  room       skipped 1, recalled 1');
    expect(shown.out).toMatch(/^ {2}undo {7}the skip until \d\d:\d\d$/m);
  });

  it('takes a call back with undo, once', async () => {
    const next = await meanwhile('room', 'next', 'meera');
    expect(next.out).toContain('Called token 2: Ravi Kumar');
    const undo = await doctor('room', 'undo', ids['Ravi Kumar'] ?? '');
    expect(undo.code).toBe(0);
    expect(undo.out).toMatch(
      /^Undid the call of token 2 \(Ravi Kumar\): CHECKED_IN again, place 1 in the queue, expected \d\d:\d\d\.\n$/,
    );
    const again = await doctor('room', 'undo', ids['Ravi Kumar'] ?? '');
    expect(again.code).toBe(1);
    expect(again.err).toContain('(FAILED_PRECONDITION, UNDO_REFUSED).');
    expect(again.err).toMatch(/why=(ALREADY_UNDONE|NOTHING_TO_UNDO)/);
  });

  it('completes the consultation of the called patient', async () => {
    expect((await meanwhile('room', 'next', 'meera')).out).toContain('Called token 2: Ravi Kumar');
    const run = await doctor('room', 'complete', ids['Ravi Kumar'] ?? '');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^Completed token 2 \(Ravi Kumar\) after \d+ min in the room\.\n$/);
  });

  it('transfers a waiting patient to another doctor, checked in there', async () => {
    const run = await counter(
      'room',
      'transfer',
      '3',
      '--doctor',
      'meera',
      '--to',
      'arjun',
      '--reason',
      'Needs a cardiology opinion',
    );
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(
      /^Transferred token 3 \(Imran Khan\) to Dr\. Arjun Nair: new token 1, slot 16:00-17:00, CHECKED_IN, place 1 in the queue, expected \d\d:\d\d\.\n/,
    );
    const queue = await meanwhile('queue', 'arjun');
    expect(queue.out).toContain(`Dr. Arjun Nair (Cardiology), OPD 1, Room 3  ${today}`);
    expect(queue.out).toMatch(/^\s+1\s+#1\s+Imran Khan\s+\d\d:\d\d\s+WALK_IN$/m);
  });

  it('refuses a transfer to a day with no place and nobody less urgent', async () => {
    const run = await counter(
      'room',
      'transfer',
      ids['Vikram Shah'] ?? '',
      '--to',
      'sunita',
      '--reason',
      'Child of the family',
    );
    expect(run.code).toBe(1);
    expect(run.err).toContain('(FAILED_PRECONDITION, TRANSFER_TARGET_FULL).');
    expect(run.err).toContain('Nobody there is less urgent than this patient');
  });

  it('calls the skipped patient again, then says when nobody is waiting', async () => {
    const next = await doctor('room', 'next', 'meera');
    expect(next.out).toContain(
      'Called token 1: Asha Rao (WALK_IN, slot 16:00-17:00, skipped once before).\nNobody else is waiting.',
    );
    expect((await meanwhile('room', 'complete', '1', '--doctor', 'meera')).code).toBe(0);
    const empty = await doctor('room', 'next', 'meera');
    expect(empty.code).toBe(0);
    expect(empty.out).toBe(`Nobody waiting for Dr. Meera Rao on ${today}.\n`);
  });

  it('refuses a token number without the doctor, before calling anything', async () => {
    const run = await doctor('room', 'skip', '7');
    expect(run.code).toBe(2);
    expect(run.err).toBe('Token 7 of which doctor? Add --doctor <doctor>, or give the token id.\n');
  });
});

describe('the day in the reports', () => {
  /** Waits until the read model has applied every event and nothing is pending. */
  async function caughtUp(): Promise<void> {
    const client = promiseClient(ReportingServiceService, reporting.address, {
      apiKey: KEYS.reporting,
    });
    try {
      let applied = -1;
      for (let tries = 0; tries < 100; tries++) {
        const status = await client.getProjectionStatus({});
        if (status.pendingEventCount === 0 && status.eventsApplied === applied) return;
        applied = status.eventsApplied;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error('the read model did not catch up in 20 s');
    } finally {
      client.close();
    }
  }

  it("shows what the room did in the day's summary and the export", async () => {
    await caughtUp();
    const reports = [
      '--reporting',
      reporting.address,
      '--key',
      KEYS.reporting,
      '--time-zone',
      zone,
    ];
    const summaries = await opdProcess([...reports, 'report', 'summaries', '--from', 'today']);
    expect(summaries.code).toBe(0);
    // Calls: Asha, Ravi (undone), Ravi, Asha again; one recall, one skip, one transfer out, one undo.
    expect(summaries.out).toMatch(
      new RegExp(
        `^${today}\\s+Dr. Meera Rao(\\s+\\d+ (s|min)){4}\\s+4\\s+1\\s+1\\s+1/0\\s+1$`,
        'm',
      ),
    );
    const csv = await opdProcess([...reports, 'export', '--from', 'today', '--out', '-']);
    const [header, ...rows] = csv.out.trimEnd().split('\n');
    const columns = (header ?? '').split(',');
    const row = (tokenId: string | undefined) => {
      const cells = rows
        .map((r) => r.split(','))
        .find((c) => c[columns.indexOf('token_id')] === tokenId);
      return (column: string) => cells?.[columns.indexOf(column)];
    };
    const asha = row(ids['Asha Rao']);
    expect(asha('status')).toBe('COMPLETED');
    expect(asha('call_time')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(asha('skip_count')).toBe('1');
    expect(asha('recall_count')).toBe('1');
    const imran = row(ids['Imran Khan']);
    expect(imran('status')).toBe('TRANSFERRED');
    expect(imran('transfer_time')).toMatch(/^\d{4}-\d\d-\d\dT/);
    const withArjun = row(imran('transferred_to_token_id'));
    expect(withArjun('doctor_display_name')).toBe('Dr. Arjun Nair');
    expect(withArjun('transferred_from_token_id')).toBe(ids['Imran Khan']);
  }, 60_000);
});
