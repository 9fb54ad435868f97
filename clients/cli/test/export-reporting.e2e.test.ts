import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { promiseClient, ReportingServiceService } from '@opd/api';
import { addDays, localDate } from '../src/dates.js';
import {
  type AllocationProcess,
  KEYS,
  startAllocationProcess,
} from './support/allocation-process.js';
import { target } from './support/cli-args.js';
import { type ReportingProcess, startReportingProcess } from './support/reporting-process.js';
import { opd } from './support/run-cli.js';

let allocation: AllocationProcess;
let reporting: ReportingProcess;
const tomorrow = addDays(localDate('Asia/Kolkata'), 1);

/** Waits until the read model has applied every event the allocation service published. */
async function caughtUp(events: number): Promise<void> {
  const client = promiseClient(ReportingServiceService, reporting.address, {
    apiKey: KEYS.reporting,
  });
  try {
    for (let tries = 0; tries < 100; tries++) {
      const status = await client.getProjectionStatus({});
      if (status.eventsApplied >= events && status.pendingEventCount === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the read model did not catch up in 10 s');
  } finally {
    client.close();
  }
}

beforeAll(async () => {
  allocation = await startAllocationProcess();
  reporting = await startReportingProcess(allocation);
  const admin = target(allocation, KEYS.admin);
  const steps = [
    [
      'doctor',
      'create',
      '--name',
      'Dr. Meera Rao',
      '--department',
      'ENT',
      '--session',
      'daily=09:00-10:00/30x2',
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
      'paid',
    ],
  ];
  for (const step of steps) {
    const run = await opd([...admin, ...step]);
    if (run.code !== 0) throw new Error(run.err);
  }
  await caughtUp(4);
}, 120_000);
afterAll(async () => {
  await reporting?.stop();
  await allocation?.stop();
});

describe('exporting from the real reporting service', () => {
  it("writes the day's tokens, fed to the read model by events, to a CSV file", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'opd-export-'));
    const run = await opd(
      [
        '--reporting',
        reporting.address,
        '--key',
        KEYS.reporting,
        'export',
        '--from',
        tomorrow,
        '--out',
        'day.csv',
      ],
      { cwd: dir },
    );
    expect(run.code).toBe(0);
    expect(run.err).toContain(`Exported 3 token rows (${tomorrow} to ${tomorrow}) to day.csv`);
    const rows = (await readFile(path.join(dir, 'day.csv'), 'utf8')).trimEnd().split('\n');
    expect(rows).toHaveLength(4);
    const cells = rows.slice(1).map((r) => r.split(','));
    // date, doctor, name, department, token number ... source, priority, status
    expect(cells.map((c) => [c[0], c[2], c[3], c[4], c[10], c[12]])).toEqual([
      [tomorrow, 'Dr. Meera Rao', 'ENT', '1', 'WALK_IN', 'ALLOCATED'],
      [tomorrow, 'Dr. Meera Rao', 'ENT', '2', 'ONLINE', 'ALLOCATED'],
      [tomorrow, 'Dr. Meera Rao', 'ENT', '3', 'PAID', 'ALLOCATED'],
    ]);
    // No patient names or phone numbers leave the reporting service.
    expect(rows.join('\n')).not.toMatch(/Asha|Ravi|Imran|98450/);
  }, 30_000);

  it('filters by source and streams to standard output with --out -', async () => {
    const run = await opd([
      '--reporting',
      reporting.address,
      '--key',
      KEYS.reporting,
      'export',
      '--from',
      tomorrow,
      '--source',
      'paid',
      '--out',
      '-',
    ]);
    expect(run.code).toBe(0);
    const rows = run.out.trimEnd().split('\n');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^date,doctor_id,/);
    expect(rows[1]).toContain(',PAID,');
  }, 30_000);
});

describe('reports from the real reporting service', () => {
  const reports = () => ['--reporting', reporting.address, '--key', KEYS.reporting, 'report'];

  it('prints the daily summaries of a range as a table', async () => {
    const run = await opd([...reports(), 'summaries', '--from', tomorrow]);
    expect(run.code).toBe(0);
    const [header, row, ...rest] = run.out.trimEnd().split('\n');
    expect(header).toMatch(/^DATE\s+DOCTOR\s+DEPARTMENT\s+TOKENS\s+SEEN\s+NO-SHOWS\s+USED/);
    expect(row).toMatch(
      new RegExp(`^${tomorrow}\\s+Dr. Meera Rao\\s+ENT\\s+3\\s+0\\s+0 \\(0 %\\)`),
    );
    // Nobody has been called yet: no times to measure, no room counts.
    expect(rest).toEqual([
      '',
      'IN THE ROOM',
      expect.stringMatching(/^DATE\s+DOCTOR\s+CONSULT MEDIAN\s+CONSULT P90\s+WAIT MEDIAN/),
      expect.stringMatching(
        new RegExp(`^${tomorrow}\\s+Dr. Meera Rao(\\s+-){4}(\\s+0){3}\\s+0/0\\s+0$`),
      ),
    ]);
  }, 30_000);

  it('prints token rows, filtered, without patient names', async () => {
    const run = await opd([...reports(), 'tokens', '--from', tomorrow, '--source', 'paid']);
    expect(run.code).toBe(0);
    const lines = run.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^DATE\s+DOCTOR\s+TOKEN\s+SLOT\s+SOURCE\s+STATUS\s+PATIENT/);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/Dr. Meera Rao\s+3\s+09:\d\d\s+PAID\s+ALLOCATED/),
    ]);
    expect(run.out).not.toMatch(/Imran|98450/);

    const limited = await opd([...reports(), 'tokens', '--from', tomorrow, '--limit', '2']);
    expect(limited.out.trimEnd().split('\n')).toHaveLength(4);
    expect(limited.out).toContain('(more rows: raise --limit');
  }, 30_000);

  it('prints how far the read model trails the events', async () => {
    const run = await opd([...reports(), 'status']);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^events applied\s+4$/m);
    expect(run.out).toMatch(/^pending\s+0$/m);
    expect(run.out).toMatch(/^parked\s+0$/m);
  }, 30_000);
});
