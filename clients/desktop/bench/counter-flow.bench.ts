// The counter flow, measured: for returning walk-ins, keystrokes and milliseconds from the first
// key of the phone number to the token number on screen, in headless Chromium against a real
// allocation service. Printed, never asserted. `npm run bench -w @opd/desktop`
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { launchBrowser, openCounter, waitForFocus } from '../test/support/browser.js';
import {
  createDoctor,
  everyDay,
  phone,
  sessionAroundNow,
  today,
} from '../test/support/fixtures.js';
import { handlerHarness } from '../test/support/handler-harness.js';
import { buildRenderer } from '../test/support/renderer-build.js';
import { KEYS, startStack } from '../test/support/stack.js';
import { serveStatic } from '../test/support/static-server.js';

const PATIENTS = Number(process.env['OPD_BENCH_PATIENTS'] ?? 25);

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const [stack, build] = await Promise.all([startStack({ reporting: false }), buildRenderer()]);
const [server, browser] = await Promise.all([serveStatic(build.appDir), launchBrowser()]);
const admin = handlerHarness({
  allocationAddress: stack.allocationAddress,
  reportingAddress: null,
  apiKey: KEYS.admin,
});
try {
  const surname = `Bench${randomUUID().slice(0, 4)}`;
  await createDoctor(admin.handlers, {
    name: `Dr. Ira ${surname}`,
    schedule: everyDay(sessionAroundNow(PATIENTS + 5)),
  });
  const earlier = await createDoctor(admin.handlers, {
    schedule: everyDay(sessionAroundNow(PATIENTS + 5)),
  });
  // Returning walk-ins: each registered on an earlier visit to another doctor.
  const phones = Array.from({ length: PATIENTS }, () => phone());
  for (const [i, number] of phones.entries()) {
    await admin.handlers.issueToken({
      requestId: randomUUID(),
      phone: number,
      name: `Patient ${i + 1}`,
      doctorId: earlier.doctorId,
      date: today(),
      source: 'WALK_IN',
      preferredSlotId: null,
      notes: '',
    });
  }

  const counter = await openCounter(browser, {
    url: server.url,
    bridgeFile: build.bridgeFile,
    allocationAddress: stack.allocationAddress,
    reportingAddress: null,
    apiKey: KEYS.counter,
  });
  const { page } = counter;
  const typed = surname.toLowerCase();
  const runs: { keys: number; ms: number }[] = [];
  for (const number of phones) {
    await waitForFocus(page, '[name="phone"]');
    const started = performance.now();
    await page.keyboard.type(number);
    await page.keyboard.press('Enter');
    await waitForFocus(page, '[name="doctor-search"]');
    await page.keyboard.type(typed);
    await page.keyboard.press('Enter');
    await waitForFocus(page, '.issue-button');
    await page.keyboard.press('Enter');
    await page.getByTestId('token-number').waitFor();
    runs.push({ keys: number.length + 1 + typed.length + 1 + 1, ms: performance.now() - started });
    await page.keyboard.press('Enter'); // next patient
  }
  await counter.close();

  const times = runs.map((r) => r.ms).sort((a, b) => a - b);
  const fmt = (ms: number) => `${ms.toFixed(0).padStart(6)} ms`;
  console.log(`\nCounter flow: returning walk-in → token on screen (${runs.length} patients)`);
  console.log('keystroke groups: 3 (phone + Enter, doctor + Enter, Enter)');
  console.log(`keystrokes per patient: ${runs[0]?.keys ?? 0}`);
  console.log('| statistic | first key → token number |');
  console.log('|---|---|');
  for (const [name, value] of [
    ['min', times[0] ?? 0],
    ['p50', percentile(times, 50)],
    ['p95', percentile(times, 95)],
    ['max', times[times.length - 1] ?? 0],
  ] as const) {
    console.log(`| ${name} | ${fmt(value)} |`);
  }
} finally {
  admin.close();
  await browser.close();
  await server.close();
  await stack.stop();
  rmSync(build.root, { recursive: true, force: true });
}
