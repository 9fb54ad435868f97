import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { Source, TokenStatus } from '@opd/api';
import { type FakeReporting, startFakeReporting } from './support/fake-reporting.js';
import { opd } from './support/run-cli.js';

const KEY = 'reporting-key-for-tests';
let reporting: FakeReporting | undefined;
afterEach(() => reporting?.stop());

const exportTo = async (dir: string, ...args: string[]) =>
  opd(['--reporting', reporting?.address ?? '', '--key', KEY, 'export', ...args], { cwd: dir });

describe('exporting a date range to CSV', () => {
  it('streams every row into the file, header first, fields quoted where needed', async () => {
    reporting = await startFakeReporting(KEY, 1_234);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'opd-export-'));
    const run = await exportTo(
      dir,
      '--from',
      '2026-11-01',
      '--to',
      '2026-11-30',
      '--source',
      'walk-in',
      '--source',
      'paid',
      '--status',
      'completed',
      '--out',
      'november.csv',
    );
    expect(run.code).toBe(0);
    expect(run.err).toMatch(
      /^Exported 1234 token rows \(2026-11-01 to 2026-11-30\) to november\.csv in [\d.]+ s\.\n$/,
    );
    const lines = (await readFile(path.join(dir, 'november.csv'), 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 1_234);
    expect(lines[0]).toBe(
      'date,doctor_id,doctor_display_name,department,token_number,token_id,doctor_day_id,patient_id,slot_id,' +
        'slot_start_time,source,priority,status,request_time,allocate_time,check_in_time,complete_time,' +
        'cancel_time,no_show_time,preempt_time,preempted,promoted,' +
        'call_time,skip_count,recall_count,transfer_time,transferred_from_token_id,transferred_to_token_id',
    );
    expect(lines[2]).toBe(
      '2026-11-27,22222222-2222-4222-8222-222222222222,Dr. Meera Rao,"ENT, Head & Neck",2,' +
        '00000000-0000-4000-8000-000000000002,11111111-1111-4111-8111-111111111111,' +
        '33333333-3333-4333-8333-333333333333,44444444-4444-4444-8444-444444444444,' +
        '2026-11-27T03:30:00.000Z,WALK_IN,2,COMPLETED,2026-11-27T03:00:00.000Z,2026-11-27T03:00:00.000Z,' +
        '2026-11-27T03:25:00.000Z,2026-11-27T03:40:00.000Z,,,,false,true,' +
        '2026-11-27T03:31:00.000Z,0,1,,,',
    );
    expect(reporting.requests).toEqual([
      {
        startDate: '2026-11-01',
        endDate: '2026-11-30',
        doctorId: '',
        statuses: [TokenStatus.TOKEN_STATUS_COMPLETED],
        sources: [Source.SOURCE_WALK_IN, Source.SOURCE_PAID],
      },
    ]);
  });

  it('leaves no file behind when the stream breaks, and says why', async () => {
    reporting = await startFakeReporting(KEY, 2_000, 2);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'opd-export-'));
    const run = await exportTo(dir, '--from', '2026-11-01', '--out', 'broken.csv');
    expect(run.code).toBe(1);
    expect(run.err).toContain('The read model went away (UNAVAILABLE, TEST).');
    expect(await readdir(dir)).toEqual([]);
  });

  it('reports a refused key like any other refusal', async () => {
    reporting = await startFakeReporting('another-key', 1);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'opd-export-'));
    const run = await exportTo(dir, '--from', 'yesterday', '--out', 'x.csv');
    expect(run.code).toBe(1);
    expect(run.err).toContain('Unknown API key (UNAUTHENTICATED, API_KEY_INVALID).');
    expect(existsSync(path.join(dir, 'x.csv'))).toBe(false);
  });
});
