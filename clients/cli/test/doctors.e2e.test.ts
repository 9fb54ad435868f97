import { writeFile } from 'node:fs/promises';
import net from 'node:net';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, localDate } from '../src/dates.js';
import {
  type AllocationProcess,
  KEYS,
  startAllocationProcess,
} from './support/allocation-process.js';
import { idAfter, target } from './support/cli-args.js';
import { opd } from './support/run-cli.js';

let service: AllocationProcess;
const admin = () => target(service, KEYS.admin);

beforeAll(async () => {
  service = await startAllocationProcess();
}, 90_000);
afterAll(() => service?.stop());

describe('an admin setting up doctors from the command line', () => {
  it('adds a doctor with a weekly schedule written as --session flags', async () => {
    const run = await opd([
      ...admin(),
      'doctor',
      'create',
      '--name',
      'Dr. Meera Rao',
      '--department',
      'ENT',
      '--room',
      'OPD 2, Room 14',
      '--session',
      'mon-sat=09:00-13:00/15x2',
      '--session',
      'mon,wed,fri=16:00-19:00/10x1',
    ]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('Dr. Meera Rao (ENT)');
    expect(run.out).toContain('  room       OPD 2, Room 14');
    expect(run.out).toContain('Mon-Sat      09:00-13:00 (15 min x 2)');
    expect(run.out).toContain('Mon,Wed,Fri  16:00-19:00 (10 min x 1)');
  });

  it('adds several doctors from a JSON file in the proto JSON shape grpcurl uses', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'opd-cli-'));
    const monday = {
      weekday: 'WEEKDAY_MONDAY',
      sessions: [
        { start_time: '10:00', end_time: '12:00', slot_minutes: 20, capacity_per_slot: 3 },
      ],
    };
    await writeFile(
      path.join(dir, 'doctors.json'),
      JSON.stringify([
        {
          display_name: 'Dr. Arjun Nair',
          department: 'Cardiology',
          weekly_schedule: { days: [monday] },
        },
        {
          displayName: 'Dr. Sunita Reddy',
          department: 'Paediatrics',
          weeklySchedule: { days: [monday] },
        },
      ]),
    );
    const run = await opd([...admin(), 'doctor', 'create', '--file', 'doctors.json'], { cwd: dir });
    expect(run.err).toBe('');
    expect(run.out.match(/^Created$/gm)).toHaveLength(2);
    expect(run.out).toContain('Dr. Sunita Reddy (Paediatrics)');
    expect(run.out).toContain('Mon  10:00-12:00 (20 min x 3)');
  });

  it('lists doctors by name with a one-line week', async () => {
    const run = await opd([...admin(), 'doctor', 'list']);
    const lines = run.out.trim().split('\n');
    expect(lines[0]).toMatch(/^DOCTOR_ID\s+NAME\s+DEPARTMENT\s+ROOM\s+WEEK$/);
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/)[1])).toEqual([
      'Dr. Arjun Nair',
      'Dr. Meera Rao',
      'Dr. Sunita Reddy',
    ]);
    expect(run.out).toContain('Mon-Sat 09:00-13:00, Mon,Wed,Fri 16:00-19:00');
  });

  it('replaces a weekly schedule, finding the doctor by part of the name', async () => {
    const run = await opd([
      ...admin(),
      'doctor',
      'schedule',
      'arjun',
      '--session',
      'weekdays=09:00-11:00/30x4',
    ]);
    expect(run.err).toBe('');
    expect(run.out).toContain('Weekly schedule replaced');
    expect(run.out).toContain('Mon-Fri  09:00-11:00 (30 min x 4)');
  });

  it("sets and clears a doctor's room, which the list shows", async () => {
    const set = await opd([...admin(), 'doctor', 'room', 'arjun', 'Cardiology OPD, Room 3']);
    expect(set.err).toBe('');
    expect(set.out).toBe('Dr. Arjun Nair sees patients in Cardiology OPD, Room 3.\n');
    const list = await opd([...admin(), 'doctor', 'list']);
    expect(list.out).toMatch(/^DOCTOR_ID\s+NAME\s+DEPARTMENT\s+ROOM\s+WEEK$/m);
    expect(list.out).toMatch(/Dr. Arjun Nair\s+Cardiology\s+Cardiology OPD, Room 3\s+Mon-Fri/);
    expect(list.out).toMatch(/Dr. Sunita Reddy\s+Paediatrics\s+-\s+Mon/);
    const clear = await opd([...admin(), 'doctor', 'room', 'arjun', '']);
    expect(clear.out).toBe('Dr. Arjun Nair has no room set.\n');
  });

  it('reaches the service through a list of instances when one of them is down', async () => {
    // A port nobody listens on: an instance that is down.
    const down = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const run = await opd([
      ...admin(),
      '--allocation',
      `127.0.0.1:${down},${service.address}`,
      'doctor',
      'list',
    ]);
    expect(run.err).toBe('');
    expect(run.out).toContain('Dr. Arjun Nair');
  });

  it('says which doctors a name matches when it is not unique', async () => {
    const run = await opd([...admin(), 'doctor', 'show', 'dr.']);
    expect(run.code).toBe(1);
    expect(run.err).toContain(
      "'dr.' matches 3 doctors (Dr. Arjun Nair, Dr. Meera Rao, Dr. Sunita Reddy)",
    );
  });

  it('puts a doctor on leave, lists it and clears it again', async () => {
    const day = addDays(localDate('Asia/Kolkata'), 7);
    const set = await opd([
      ...admin(),
      'leave',
      'set',
      'Meera',
      '--date',
      day,
      '--reason',
      'Conference',
    ]);
    expect(set.out).toBe(`Dr. Meera Rao is on leave on ${day} (Conference).\n`);
    const list = await opd([...admin(), 'leave', 'list', 'Meera']);
    expect(list.out).toMatch(new RegExp(`^${day}\\s+leave\\s+Conference$`, 'm'));
    const clear = await opd([...admin(), 'leave', 'clear', 'Meera', '--date', day]);
    expect(clear.out).toBe(`Dr. Meera Rao follows the weekly schedule again on ${day}.\n`);
  });

  it('deactivates a doctor, who then only shows with --all', async () => {
    const show = await opd([...admin(), 'doctor', 'show', 'Sunita']);
    const id = idAfter(show.out, 'doctor_id');
    expect((await opd([...admin(), 'doctor', 'deactivate', id])).out).toBe(
      'Dr. Sunita Reddy is now inactive.\n',
    );
    expect((await opd([...admin(), 'doctor', 'list'])).out).not.toContain('Sunita');
    expect((await opd([...admin(), 'doctor', 'list', '--all'])).out).toContain(
      'Dr. Sunita Reddy [inactive]',
    );
  });

  it('prints protobuf JSON with --json, for scripts', async () => {
    const run = await opd([...admin(), '--json', 'doctor', 'show', 'Meera']);
    const json = JSON.parse(run.out) as { doctor: { displayName: string; active: boolean } };
    expect(json.doctor).toMatchObject({ displayName: 'Dr. Meera Rao', active: true });
  });

  it('refuses a schedule the service finds wrong, naming the field', async () => {
    const run = await opd([
      ...admin(),
      'doctor',
      'create',
      '--name',
      'Dr. Bad',
      '--department',
      'ENT',
      '--session',
      'mon=09:00-09:50/15x2',
    ]);
    expect(run.code).toBe(1);
    expect(run.err).toContain(
      'The request has fields the service cannot accept (INVALID_ARGUMENT, FIELD_VIOLATION):',
    );
    expect(run.err).toMatch(/ {2}- weekly_schedule\.days\[0\]\.sessions\[0\]/);
  });

  it('says a counter key may not add doctors', async () => {
    const run = await opd([
      ...target(service, KEYS.counter),
      'doctor',
      'create',
      '--name',
      'Dr. X',
      '--department',
      'ENT',
    ]);
    expect(run.code).toBe(1);
    expect(run.err).toContain('(PERMISSION_DENIED, ROLE_NOT_ALLOWED).');
  });
});
