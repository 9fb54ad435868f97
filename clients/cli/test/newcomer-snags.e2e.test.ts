// What a newcomer ran into (issue 12, item 10), with the CLI run as a process: mistakes the CLI
// can see for itself are refused before any call, in one line, with exit code 2. Nothing
// listens at the addresses given, so a call would have failed differently (exit 1).
import { describe, expect, it } from '@jest/globals';
import { opdProcess } from './support/cli-process.js';

const NOWHERE = ['--allocation', '127.0.0.1:9', '--reporting', '127.0.0.1:9', '--key', 'k'];

describe('the CLI run as a process', () => {
  it('says the export folder does not exist, and exits 2 before any call', async () => {
    const run = await opdProcess([
      ...NOWHERE,
      'export',
      '--from',
      'today',
      '--out',
      '/no/such/dir/x.csv',
    ]);
    expect(run.code).toBe(2);
    expect(run.err).toBe(
      'Cannot write /no/such/dir/x.csv: the folder /no/such/dir does not exist.\n',
    );
  }, 60_000);

  it('refuses a range whose --from is after its --to', async () => {
    const run = await opdProcess([
      ...NOWHERE,
      'export',
      '--from',
      '2026-11-30',
      '--to',
      '2026-11-01',
      '--out',
      '-',
    ]);
    expect(run.code).toBe(2);
    expect(run.err).toBe('--from (2026-11-30) is after --to (2026-11-01).\n');
    const report = await opdProcess([
      ...NOWHERE,
      'report',
      'summaries',
      '--from',
      '+1',
      '--to',
      'today',
    ]);
    expect(report.code).toBe(2);
    expect(report.err).toMatch(
      /^--from \(\d{4}-\d\d-\d\d\) is after --to \(\d{4}-\d\d-\d\d\)\.\n$/,
    );
  }, 60_000);

  it('refuses a session ending at 25:00 with one error line', async () => {
    const run = await opdProcess([
      ...NOWHERE,
      'doctor',
      'create',
      '--name',
      'Dr. A',
      '--department',
      'ENT',
      '--session',
      'mon-sat=09:00-25:00/15x3',
    ]);
    expect(run.code).toBe(2);
    const errors = run.err.split('\n').filter((line) => line.startsWith('error:'));
    expect(errors).toEqual([
      "error: option '--session <spec>' argument 'mon-sat=09:00-25:00/15x3' is invalid. 25:00 is not a time of day (00:00 to 23:59). expected DAYS=HH:MM-HH:MM/MINUTESxCAPACITY, e.g. mon-sat=09:00-13:00/15x3",
    ]);
  }, 60_000);
});
