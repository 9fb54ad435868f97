// Issue 15, defect 6: raw enum names in messages ("a more urgent EMERGENCY request"), tokens a
// phone holds did not name their doctor, dates were shown year-first, and a token was cancelled
// without asking why.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CounterPage } from '../support/browser.js';
import { waitForFocus } from '../support/browser.js';
import {
  screenshot,
  startCounterSession,
  type CounterSession,
} from '../support/counter-session.js';
import { book, createDoctor, everyDay, phone } from '../support/fixtures.js';
import { afternoon, runningSlot } from '../support/midday.js';

const ENUM_NAME = /\b[A-Z]{2,}_[A-Z_]+\b|\bEMERGENCY\b|\bWALK_IN\b/;
const ISO_DATE = /\d{4}-\d{2}-\d{2}/;

let session: CounterSession;
let counter: CounterPage;
let fullDoctorId = '';
const returning = phone();

beforeAll(async () => {
  session = await startCounterSession();
  const full = await createDoctor(session.admin.handlers, {
    name: 'Dr. Rohan Das',
    schedule: everyDay(afternoon(1)),
  });
  fullDoctorId = full.doctorId;
  for (let i = 1; i <= 6; i += 1) {
    await book(session.admin.handlers, {
      doctorId: full.doctorId,
      date: session.today,
      name: `Walk-in ${i}`,
    });
  }
  const other = await createDoctor(session.admin.handlers, {
    name: 'Dr. Lata Iyer',
    schedule: everyDay(runningSlot(5)),
  });
  await book(session.admin.handlers, {
    doctorId: other.doctorId,
    date: session.today,
    name: 'Sita Devi',
    phone: returning,
  });
  counter = await session.open();
}, 240_000);

afterAll(() => session?.close());

describe('the counter speaks the clerk’s words', () => {
  it('names the doctor of each token the phone holds, with the date day first', async () => {
    const { page } = counter;
    await waitForFocus(page, '[name="phone"]');
    await page.keyboard.type(returning);
    await page.keyboard.press('Enter');
    const found = page.getByTestId('patient-found');
    await found.waitFor();
    expect(await found.textContent()).toContain('Dr. Lata Iyer');
    expect((await page.locator('main').textContent()) ?? '').not.toMatch(ISO_DATE);
  });

  it('tells who gave their place to an emergency without enum names', async () => {
    const { page } = counter;
    await waitForFocus(page, '[name="doctor-search"]');
    await page.keyboard.type('rohan');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Alt+s');
    await page.keyboard.press('e');
    await page.keyboard.press('Enter');
    const note = page.getByRole('note');
    await note.waitFor();

    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(ENUM_NAME);
    expect(text).not.toMatch(ISO_DATE);
    expect(await note.textContent()).toContain('Token 6');
    await screenshot(page, 'en', 'issue-emergency-displaces');

    await page.keyboard.press('Alt+b');
    const displaced = page.locator('[data-token-number="6"][data-status="PREEMPTED"]');
    await displaced.waitFor();
    expect(await displaced.textContent()).not.toMatch(ENUM_NAME);
    expect(await displaced.textContent()).toContain('token 7');
  });

  it('asks for a reason before cancelling, and records it', async () => {
    const { page } = counter;
    await page.keyboard.press('Alt+l');
    await page.keyboard.press('ArrowDown');
    await page.locator('[data-token-number="1"][aria-selected="true"]').waitFor();
    await page.keyboard.press('x');
    await waitForFocus(page, 'input[name="cancel-reason"]');
    await page.keyboard.type('Patient went home');
    await page.keyboard.press('Enter');

    await page.locator('[data-token-number="1"][data-status="CANCELLED"]').waitFor();
    const board = await session.admin.handlers.getBoard({
      doctorId: fullDoctorId,
      date: session.today,
    });
    expect(board.tokens.find((t) => t.tokenNumber === 1)?.cancelReason).toBe('Patient went home');
  });
});
