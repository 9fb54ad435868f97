// The counter app in headless Chromium against the real services: the renderer exactly as
// built for Electron, window.opd backed by the desktop's own handler modules. Screenshots of
// each screen go to test-output/screenshots/en/.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import {
  launchBrowser,
  openCounter,
  waitForFocus,
  type Browser,
  type CounterPage,
} from './support/browser.js';
import {
  createDoctor,
  daysFromToday,
  everyDay,
  phone,
  sessionAroundNow,
  today,
} from './support/fixtures.js';
import { handlerHarness, type HandlerHarness } from './support/handler-harness.js';
import { screenshot } from './support/counter-session.js';
import { sharedRendererBuild } from './support/renderer-build.js';
import { allTokenRecords, csvRecords, eventually } from './support/reports.js';
import { KEYS, startStack, type Stack } from './support/stack.js';
import { serveStatic, type StaticServer } from './support/static-server.js';

let stack: Stack;
let build: Awaited<ReturnType<typeof sharedRendererBuild>>;
let server: StaticServer;
let browser: Browser;
let admin: HandlerHarness;
let counter: CounterPage;

const shot = (page: Page, name: string) => screenshot(page, 'en', name);

async function open(apiKey: string): Promise<CounterPage> {
  return openCounter(browser, {
    url: server.url,
    bridgeFile: build.bridgeFile,
    allocationAddress: stack.allocationAddress,
    reportingAddress: stack.reportingAddress,
    apiKey,
    reportingApiKey: KEYS.reporting,
  });
}

beforeAll(async () => {
  [stack, build] = await Promise.all([startStack({ reporting: true }), sharedRendererBuild()]);
  [server, browser] = await Promise.all([serveStatic(build.appDir), launchBrowser()]);
  admin = handlerHarness({
    allocationAddress: stack.allocationAddress,
    reportingAddress: null,
    apiKey: KEYS.admin,
  });
  counter = await open(KEYS.counter);
}, 240_000);

afterAll(async () => {
  await counter?.close();
  admin?.close();
  await browser?.close();
  await server?.close();
  await stack?.stop();
  build?.release();
});

describe('the counter, by keyboard', () => {
  const surname = `Varma${randomUUID().slice(0, 4)}`;
  const returning = phone();
  let doctorId = '';

  beforeAll(async () => {
    const doctor = await createDoctor(admin.handlers, {
      name: `Dr. Ishaan ${surname}`,
      department: 'Cardiology',
      schedule: everyDay(sessionAroundNow(1)),
    });
    doctorId = doctor.doctorId;
    // The patient registered on an earlier visit, with another doctor.
    const other = await createDoctor(admin.handlers, { schedule: everyDay(sessionAroundNow(5)) });
    await admin.handlers.issueToken({
      requestId: randomUUID(),
      phone: returning,
      name: 'Asha Rao',
      doctorId: other.doctorId,
      date: today(),
      source: 'WALK_IN',
      preferredSlotId: null,
      patientId: null,
      registration: null,
      notes: '',
    });
  });

  it('gives a returning walk-in a token in three keystroke groups: phone, doctor, Enter', async () => {
    const { page } = counter;
    await waitForFocus(page, '[name="phone"]');
    await shot(page, '1-issue-token');

    await page.keyboard.type(returning);
    await page.keyboard.press('Enter');
    await page.getByTestId('patient-found').waitFor();
    await waitForFocus(page, '[name="doctor-search"]');
    await page.keyboard.type(surname.toLowerCase());
    await page.keyboard.press('Enter');
    await waitForFocus(page, '.issue-button');
    await page.keyboard.press('Enter');
    const number = await page.getByTestId('token-number').textContent();

    expect(number).toBe('1');
    expect(await page.getByTestId('slot-time').textContent()).toContain(
      `Dr. Ishaan ${surname} · ${sessionAroundNow(1).startTime}`,
    );
    await shot(page, '2-token-issued');
    await page.emulateMedia({ media: 'print' });
    await shot(page, '3-token-slip-print');
    await page.emulateMedia({ media: 'screen' });
  });

  it('shows the token on the board, and the waiting patient gets the place live when it is cancelled', async () => {
    const { page } = counter;
    // Another counter books the next patient: the only place is taken, so they wait.
    const waiting = await admin.handlers.issueToken({
      requestId: randomUUID(),
      phone: phone(),
      name: 'Meena Iyer',
      doctorId,
      date: today(),
      source: 'WALK_IN',
      preferredSlotId: null,
      patientId: null,
      registration: null,
      notes: '',
    });
    expect(waiting.outcome).toBe('waitlisted');

    await page.keyboard.press('Alt+b');
    const board = page.getByRole('listbox', { name: 'Tokens by slot' });
    await board.waitFor();
    await page.getByTestId('live-state').filter({ hasText: 'Live' }).waitFor();
    const waitlist = page.getByRole('region', { name: 'Waitlist' });
    await waitlist.getByText('Meena Iyer').waitFor();
    const first = board.locator('[data-token-number="1"]');
    expect(await first.getAttribute('data-status')).toBe('ALLOCATED');
    await page.keyboard.press('Alt+l');
    await page.keyboard.press('ArrowDown');
    await board.locator('[data-token-number="1"][aria-selected="true"]').waitFor();
    await expect(page.locator('[data-why="noShow"]').textContent()).resolves.toMatch(
      /^No-show possible from \d\d:\d\d/,
    );
    await shot(page, '4-board');

    await page.keyboard.press('x');
    await page.getByRole('alertdialog', { name: 'Confirm cancel' }).waitFor();
    await page.keyboard.type('Patient asked to cancel');
    await page.keyboard.press('Enter');

    const promoted = board.locator('[data-token-number="2"]');
    await promoted.waitFor();
    expect(await promoted.textContent()).toContain('Meena Iyer');
    expect(await promoted.textContent()).toContain('from waitlist');
    await board.locator('[data-token-number="1"][data-status="CANCELLED"]').waitFor();
    await waitlist.getByText('Nobody is waiting.').waitFor();
    await shot(page, '5-board-after-cancel');

    // A change made elsewhere arrives too, with nothing pressed here: the slot has started, so
    // even an emergency displaces nobody and waits.
    await admin.handlers.issueToken({
      requestId: randomUUID(),
      phone: phone(),
      name: 'Late Arrival',
      doctorId,
      date: today(),
      source: 'EMERGENCY',
      preferredSlotId: null,
      patientId: null,
      registration: null,
      notes: '',
    });
    await waitlist.getByText('Late Arrival').waitFor();
  });

  it('explains a bad phone number in words and keeps the focus on it', async () => {
    const { page } = counter;
    await page.keyboard.press('Alt+1');
    await waitForFocus(page, '[name="phone"]');
    await page.keyboard.type('12');
    await page.keyboard.press('Enter');
    const error = page.locator('#phone-problem');
    await error.waitFor();
    expect(await error.textContent()).toBe(
      'This is not a phone number we can use. Write the 10-digit mobile number, e.g. 98450 12345.',
    );
    await waitForFocus(page, '[name="phone"]');
  });

  it('runs under the strict Content-Security-Policy without a single violation', () => {
    expect(counter.problems).toEqual([]);
  });
});

describe('doctors and schedules', () => {
  it('adds a doctor with a Monday session from the Doctors screen', async () => {
    const adminPage = await open(KEYS.admin);
    try {
      const { page } = adminPage;
      await page.keyboard.press('Alt+3');
      await page.getByRole('heading', { name: 'Doctors' }).waitFor();
      await page.keyboard.press('Alt+n');
      const form = page.getByRole('form', { name: 'New doctor' });
      await form.waitFor();
      await page.keyboard.type('Dr. Kavya Menon');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Dermatology');
      await form
        .getByRole('group', { name: 'Monday' })
        .getByRole('button', { name: 'Add session' })
        .click();
      await form.getByLabel('Monday session 1 start').waitFor();
      await shot(page, '6-doctor-form');
      await page.keyboard.press('Control+s');
      const row = page.getByRole('row').filter({ hasText: 'Dr. Kavya Menon' });
      await row.waitFor();
      expect(await row.textContent()).toContain('Monday 09:00–13:00');
      await page.getByRole('region', { name: 'Leave and changed days' }).waitFor();
      await shot(page, '7-doctors');
      expect(adminPage.problems).toEqual([]);
    } finally {
      await adminPage.close();
    }
  });
});

describe('reports', () => {
  it('shows the days in a chart and a table, and exports them to CSV matching ListTokens', async () => {
    const reportsPage = await open(KEYS.admin);
    try {
      const { page, harness } = reportsPage;
      const filters = {
        startDate: daysFromToday(-6),
        endDate: today(),
        doctorId: '',
        statuses: [],
        sources: [],
      };
      // The read model follows the event stream; wait until it has today's tokens.
      const rows = await eventually(
        () => allTokenRecords(harness.handlers, filters),
        (list) => list.length >= 3 && list.some((r) => r.status === 'CANCELLED'),
      );
      await page.keyboard.press('Alt+4');
      await page
        .locator('.token-table tbody tr[data-token-id]')
        .nth(rows.length - 1)
        .waitFor();
      await page.getByTestId('summary-chart').locator('svg').first().waitFor();
      await shot(page, '8-reports');

      harness.nextExportFile = path.join(harness.exportDir, 'week.csv');
      await page.keyboard.press('Alt+e');
      await page.locator('[data-testid="export-progress"][data-state="done"]').waitFor();
      await shot(page, '9-export-done');
      const exported = csvRecords(readFileSync(harness.nextExportFile, 'utf8'));
      const listed = await allTokenRecords(harness.handlers, filters);
      expect(exported.map((r) => [r['token_id'], r['status'], r['date']])).toEqual(
        listed.map((r) => [r.tokenId, r.status, r.date]),
      );
      expect(reportsPage.problems).toEqual([]);
    } finally {
      await reportsPage.close();
    }
  });
});
