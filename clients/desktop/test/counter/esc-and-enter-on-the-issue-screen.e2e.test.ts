// Issue 15, defect 4: Esc left the last doctor search in the box, so the next patient got "No
// doctor matches"; and Enter on the Source list did nothing (only Ctrl+Enter issued).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CounterPage } from '../support/browser.js';
import { waitForFocus } from '../support/browser.js';
import { startCounterSession, type CounterSession } from '../support/counter-session.js';
import { book, createDoctor, everyDay, phone } from '../support/fixtures.js';
import { runningSlot } from '../support/midday.js';

let session: CounterSession;
let counter: CounterPage;
let doctorId = '';
const returning = phone();

beforeAll(async () => {
  session = await startCounterSession();
  const doctor = await createDoctor(session.admin.handlers, {
    name: 'Dr. Kavya Menon',
    schedule: everyDay(runningSlot(10)),
  });
  doctorId = doctor.doctorId;
  const other = await createDoctor(session.admin.handlers, { schedule: everyDay(runningSlot(5)) });
  await book(session.admin.handlers, {
    doctorId: other.doctorId,
    date: session.today,
    name: 'Ravi Shankar',
    phone: returning,
  });
  counter = await session.open();
}, 240_000);

afterAll(() => session?.close());

describe('starting over and issuing from the keyboard', () => {
  it('clears the doctor search on Esc, so the next patient sees every doctor', async () => {
    const { page } = counter;
    await waitForFocus(page, '[name="phone"]');
    await page.keyboard.type(returning);
    await page.keyboard.press('Enter');
    await waitForFocus(page, '[name="doctor-search"]');
    await page.keyboard.type('zzz');
    await page.getByText('No doctor matches').waitFor();

    await page.keyboard.press('Escape');
    await waitForFocus(page, '[name="phone"]');
    expect(await page.locator('[name="doctor-search"]').inputValue()).toBe('');
    await page.keyboard.type(returning);
    await page.keyboard.press('Enter');
    await waitForFocus(page, '[name="doctor-search"]');
    expect(await page.locator('[name="doctor-search"]').inputValue()).toBe('');
    await page.getByRole('option').filter({ hasText: 'Dr. Kavya Menon' }).waitFor();
  });

  it('issues with Enter on the Source list', async () => {
    const { page } = counter;
    await page.keyboard.type('kavya');
    await page.keyboard.press('Enter');
    await waitForFocus(page, '.issue-button');
    await page.keyboard.press('Alt+s');
    await waitForFocus(page, 'select[name="source"]');
    await page.keyboard.press('e');
    expect(await page.locator('select[name="source"]').inputValue()).toBe('EMERGENCY');
    await page.keyboard.press('Enter');

    await page.getByTestId('token-number').waitFor();
    const board = await session.admin.handlers.getBoard({ doctorId, date: session.today });
    expect(board.tokens.map((t) => [t.patientName, t.source])).toEqual([
      ['Ravi Shankar', 'EMERGENCY'],
    ]);
  });
});
