// Issue 11: a full day says so, and where there is room. With every place taken and the waitlist
// at its bound, the counter shows the doctor-days with room, and one key books the patient there.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CounterPage } from '../support/browser.js';
import { waitForFocus } from '../support/browser.js';
import {
  screenshot,
  startCounterSession,
  type CounterSession,
} from '../support/counter-session.js';
import { book, createDoctor, everyDay, phone } from '../support/fixtures.js';
import { afternoon } from '../support/midday.js';

let session: CounterSession;
let counter: CounterPage;
let doctorId = '';

beforeAll(async () => {
  session = await startCounterSession();
  const doctor = await createDoctor(session.admin.handlers, {
    name: 'Dr. Kiran Bedi',
    schedule: everyDay(afternoon(1)),
  });
  doctorId = doctor.doctorId;
  // Six places and a waitlist bound of five (a quarter of six, at least five): eleven patients.
  for (let i = 1; i <= 11; i += 1) {
    await book(session.admin.handlers, { doctorId, date: session.today, name: `Patient ${i}` });
  }
  counter = await session.open();
}, 240_000);

afterAll(() => session?.close());

describe('a doctor-day full to its waitlist bound', () => {
  it('offers the next days with room, and one key books the patient there', async () => {
    const { page } = counter;
    await waitForFocus(page, '[name="phone"]');
    await page.keyboard.type(phone());
    await page.keyboard.press('Enter');
    await waitForFocus(page, '[name="name"]');
    await page.keyboard.type('Farida Khan');
    await page.keyboard.press('Enter');
    await waitForFocus(page, '[name="doctor-search"]');
    await page.keyboard.type('kiran');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');

    const offer = page.getByTestId('day-full-alternatives');
    await offer.waitFor();
    expect(await page.getByRole('alert').getAttribute('data-reason')).toBe('DOCTOR_DAY_FULL');
    const choices = await offer.locator('li').allTextContents();
    expect(choices.length).toBeGreaterThan(0);
    expect(choices[0]).toContain('Dr. Kiran Bedi');
    expect(choices[0]).toContain('14:00');
    await screenshot(page, 'en', 'issue-day-full-alternatives');

    await page.keyboard.press('1');
    await page.getByTestId('token-number').waitFor();
    const tomorrow = await session.admin.handlers.getBoard({
      doctorId,
      date: new Date(Date.parse(`${session.today}T12:00:00Z`) + 86_400_000)
        .toISOString()
        .slice(0, 10),
    });
    expect(tomorrow.tokens.map((t) => t.patientName)).toEqual(['Farida Khan']);
  });
});
