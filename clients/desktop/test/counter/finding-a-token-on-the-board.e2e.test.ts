// Issue 15, defect 5: finding a token on the board was slow — no search by token number, name or
// phone (checking in token 44 took 46 keys), the list did not scroll to the selected token,
// empty past slots filled the top, and the waitlist column wrapped names.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CounterPage } from '../support/browser.js';
import { lineCount, waitForFocus } from '../support/browser.js';
import {
  screenshot,
  startCounterSession,
  type CounterSession,
} from '../support/counter-session.js';
import { book, createDoctor, everyDay, phone } from '../support/fixtures.js';
import { endedMorning, runningSlot } from '../support/midday.js';

const PATIENTS = 45;
let session: CounterSession;
let counter: CounterPage;
const phones: string[] = [];

beforeAll(async () => {
  session = await startCounterSession();
  const doctor = await createDoctor(session.admin.handlers, {
    name: 'Dr. Arjun Nair',
    schedule: everyDay(endedMorning(2), runningSlot(PATIENTS)),
  });
  const booking = { doctorId: doctor.doctorId, date: session.today };
  for (let i = 1; i <= PATIENTS; i += 1) {
    const number = phone();
    phones.push(number);
    await book(session.admin.handlers, { ...booking, name: `Patient ${i}`, phone: number });
  }
  await book(session.admin.handlers, { ...booking, name: 'Venkata Lakshmi Narasimha Rao' });
  counter = await session.open();
  await counter.page.keyboard.press('Alt+2');
  await counter.page.locator('[data-token-number="45"]').waitFor();
}, 240_000);

afterAll(() => session?.close());

async function find(query: string) {
  const { page } = counter;
  await page.keyboard.press('Alt+f');
  await waitForFocus(page, 'input[name="board-find"]');
  await page.keyboard.type(query);
  await page.keyboard.press('Enter');
  await waitForFocus(page, '[role="listbox"][aria-label="Tokens by slot"]');
}

describe('finding a token on a busy board', () => {
  it('does not fill the top with empty slots that have ended', async () => {
    const slots = counter.page.locator('.slot');
    expect(await slots.count()).toBe(1);
    expect(await counter.page.getByTestId('hidden-slots').textContent()).toBe(
      '6 earlier slots without tokens are hidden.',
    );
  });

  it('checks in token 44 in five keys: Alt+F, 4, 4, Enter, I — scrolled into view', async () => {
    const { page } = counter;
    await find('44');
    const row = page.locator('[data-token-number="44"][aria-selected="true"]');
    await row.waitFor();
    const list = await page.locator('.slots').boundingBox();
    const box = await row.boundingBox();
    expect(box && list && box.y >= list.y && box.y + box.height <= list.y + list.height).toBe(true);
    await page.keyboard.press('i');
    await page.locator('[data-token-number="44"][data-status="CHECKED_IN"]').waitFor();
    await screenshot(page, 'en', 'board-found-token-44');
  });

  it('finds a token by the patient’s name or phone number', async () => {
    const { page } = counter;
    await find('patient 12');
    await page.locator('[data-token-number="12"][aria-selected="true"]').waitFor();
    await find(phones[29] ?? '');
    await page.locator('[data-token-number="30"][aria-selected="true"]').waitFor();
  });

  it('keeps each waiting patient’s name on one line', async () => {
    const name = counter.page
      .getByRole('region', { name: 'Waitlist' })
      .getByText('Venkata Lakshmi Narasimha Rao');
    await name.waitFor();
    expect(await lineCount(name)).toBe(1);
  });
});
