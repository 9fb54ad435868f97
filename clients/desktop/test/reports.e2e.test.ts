// Reports through the desktop's handlers against the real reporting service, fed by the real
// allocation service's events. Skipped (and reported as skipped) until services/reporting exists.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ReportFilters } from '../src/shared/ipc-contract.js';
import {
  createDoctor,
  daysFromToday,
  everyDay,
  phone,
  sessionAroundNow,
  today,
} from './support/fixtures.js';
import { handlerHarness, type HandlerHarness } from './support/handler-harness.js';
import { allTokenRecords, csvRecords, eventually } from './support/reports.js';
import { KEYS, startStack, type Stack } from './support/stack.js';

describe('reports from the reporting service', () => {
  let stack: Stack;
  let admin: HandlerHarness;
  let reports: HandlerHarness;
  let doctorId = '';
  const range = (): ReportFilters => ({
    startDate: today(),
    endDate: daysFromToday(1),
    doctorId: '',
    statuses: [],
    sources: [],
  });
  const issued: string[] = [];

  beforeAll(async () => {
    stack = await startStack({ reporting: true });
    const at = {
      allocationAddress: stack.allocationAddress,
      reportingAddress: stack.reportingAddress,
    };
    admin = handlerHarness({ ...at, apiKey: KEYS.admin });
    reports = handlerHarness({ ...at, apiKey: KEYS.counter, reportingApiKey: KEYS.reporting });
    const doctor = await createDoctor(admin.handlers, { schedule: everyDay(sessionAroundNow(4)) });
    doctorId = doctor.doctorId;
    const sources = ['WALK_IN', 'EMERGENCY', 'PAID', 'ONLINE', 'FOLLOW_UP', 'WALK_IN'] as const;
    for (const [i, source] of sources.entries()) {
      const answer = await admin.handlers.issueToken({
        requestId: randomUUID(),
        phone: phone(),
        name: `Patient ${i}`,
        doctorId,
        date: i < 3 ? today() : daysFromToday(1),
        source,
        preferredSlotId: null,
        patientId: null,
        registration: null,
        notes: '',
      });
      if (answer.outcome === 'allocated') issued.push(answer.token.tokenId);
    }
    await admin.handlers.cancelToken({ requestId: randomUUID(), id: issued[0] ?? '', reason: '' });
    // The read model follows the event stream: wait until it holds every token, the
    // cancellation included.
    await eventually(
      () => allTokenRecords(reports.handlers, range()),
      (rows) => rows.length === issued.length && rows.some((r) => r.status === 'CANCELLED'),
    );
  }, 60_000);

  afterAll(async () => {
    admin?.close();
    reports?.close();
    await stack?.stop();
  });

  it('lists the tokens page by page in date, doctor and token-number order', async () => {
    const pages = [];
    let pageToken = '';
    do {
      const page = await reports.handlers.listTokenRecords({ ...range(), pageSize: 4, pageToken });
      pages.push(page.rows);
      pageToken = page.nextPageToken;
    } while (pageToken !== '');
    expect(pages.map((p) => p.length)).toEqual([4, 2]);
    const rows = pages.flat();
    expect(rows.map((r) => [r.date, r.tokenNumber])).toEqual([
      [today(), 1],
      [today(), 2],
      [today(), 3],
      [daysFromToday(1), 1],
      [daysFromToday(1), 2],
      [daysFromToday(1), 3],
    ]);
    expect(rows[0]).toMatchObject({ status: 'CANCELLED', source: 'WALK_IN', doctorId });
  });

  it('filters by status and by source', async () => {
    const cancelled = await allTokenRecords(reports.handlers, {
      ...range(),
      statuses: ['CANCELLED'],
    });
    expect(cancelled.map((r) => r.tokenId)).toEqual([issued[0]]);
    const urgent = await allTokenRecords(reports.handlers, {
      ...range(),
      sources: ['EMERGENCY', 'PAID'],
    });
    expect(urgent.map((r) => r.source).sort()).toEqual(['EMERGENCY', 'PAID']);
  });

  it('sums each doctor-day in the daily summary', async () => {
    const summaries = await reports.handlers.listDailySummaries({
      startDate: today(),
      endDate: daysFromToday(1),
      doctorId,
    });
    expect(summaries.map((s) => [s.date, s.tokenCount, s.capacity, s.occupancy])).toEqual([
      [today(), 3, 4, 2],
      [daysFromToday(1), 3, 4, 3],
    ]);
  });

  it('exports the date range to a CSV file that matches ListTokens row for row', async () => {
    reports.nextExportFile = path.join(reports.exportDir, 'range.csv');
    const start = await reports.handlers.startExport(range());
    if (!start.started) throw new Error('the export did not start');
    const done = await reports.waitFor(
      'onExportProgress',
      (p) => p.exportId === start.exportId && p.state !== 'running',
    );
    expect(done).toMatchObject({ state: 'done', rows: issued.length, error: null });
    const exported = csvRecords(readFileSync(start.filePath, 'utf8'));
    const listed = await allTokenRecords(reports.handlers, range());
    expect(
      exported.map((r) => [r['token_id'], r['status'], r['source'], r['token_number']]),
    ).toEqual(listed.map((r) => [r.tokenId, r.status, r.source, String(r.tokenNumber)]));
    expect(existsSync(`${start.filePath}.part`)).toBe(false);
  });

  it('writes nothing when staff close the save dialog', async () => {
    reports.nextExportFile = null;
    expect(await reports.handlers.startExport(range())).toEqual({ started: false });
  });

  it('leaves no file behind when an export is cancelled', async () => {
    reports.nextExportFile = path.join(reports.exportDir, 'cancelled.csv');
    const start = await reports.handlers.startExport(range());
    if (!start.started) throw new Error('the export did not start');
    await reports.handlers.cancelExport({ exportId: start.exportId });
    const end = await reports.waitFor(
      'onExportProgress',
      (p) => p.exportId === start.exportId && p.state !== 'running',
    );
    expect(end.state).toBe('cancelled');
    expect(existsSync(start.filePath)).toBe(false);
    expect(existsSync(`${start.filePath}.part`)).toBe(false);
  });

  it("says a counter's key may not read reports", async () => {
    const counterOnly = handlerHarness({
      allocationAddress: stack.allocationAddress,
      reportingAddress: stack.reportingAddress,
      apiKey: KEYS.counter,
    });
    try {
      const answer = await counterOnly.dispatch('listTokenRecords', {
        ...range(),
        pageSize: 10,
        pageToken: '',
      });
      expect(answer).toMatchObject({
        ok: false,
        error: {
          code: 'PERMISSION_DENIED',
          service: 'reporting',
        },
      });
    } finally {
      counterOnly.close();
    }
  });
});
