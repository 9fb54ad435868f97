// Issue 15, defect 1: typing "dr. sunita" into the board's Doctor box at human speed checked in
// token 1 — focus jumped to the token list after the first letter and the rest of the name was
// read as commands. Typing in a box never reaches the list, and a token key acts only on a row
// the clerk moved to.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CounterPage } from '../support/browser.js';
import { waitForFocus } from '../support/browser.js';
import { startCounterSession, type CounterSession } from '../support/counter-session.js';
import { book, createDoctor, everyDay } from '../support/fixtures.js';
import { runningSlot } from '../support/midday.js';

let session: CounterSession;
let counter: CounterPage;
const doctorIds: string[] = [];

beforeAll(async () => {
  session = await startCounterSession();
  // Every doctor has a patient who has not arrived: any stray "i" would check one in.
  for (const name of ['Dr. Anil Kapoor', 'Dr. Deepa Shah', 'Dr. Sunita Rao']) {
    const doctor = await createDoctor(session.admin.handlers, {
      name,
      schedule: everyDay(runningSlot(3)),
    });
    doctorIds.push(doctor.doctorId);
    await book(session.admin.handlers, {
      doctorId: doctor.doctorId,
      date: session.today,
      name: `Patient of ${name}`,
    });
  }
  counter = await session.open();
}, 240_000);

afterAll(() => session?.close());

const statuses = async () =>
  (
    await Promise.all(
      doctorIds.map((doctorId) =>
        session.admin.handlers.getBoard({ doctorId, date: session.today }),
      ),
    )
  ).flatMap((board) => board.tokens.map((t) => t.status));

describe('the board, typed at human speed', () => {
  it('keeps a doctor name typed into the Doctor box in the box', async () => {
    const { page } = counter;
    await page.keyboard.press('Alt+2');
    await page.getByRole('listbox', { name: 'Tokens by slot' }).waitFor();
    await page.keyboard.press('Alt+o');
    await page.keyboard.type('dr. sunita', { delay: 120 });

    await waitForFocus(page, 'input[name="board-doctor"]');
    expect(await page.locator('input[name="board-doctor"]').inputValue()).toBe('dr. sunita');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Dr\. Sunita Rao/ }).waitFor();
    await waitForFocus(page, '[role="listbox"][aria-label="Tokens by slot"]');
    expect(await statuses()).toEqual(['ALLOCATED', 'ALLOCATED', 'ALLOCATED']);
  });

  it('acts only on a row the clerk moved to, and says so otherwise', async () => {
    const { page } = counter;
    const row = page.locator('[data-token-number="1"]');
    expect(await row.getAttribute('aria-selected')).toBe('false');

    await page.keyboard.press('i');
    await page.getByTestId('board-message').filter({ hasText: 'Move to a token first' }).waitFor();
    expect(await row.getAttribute('data-status')).toBe('ALLOCATED');

    await page.keyboard.press('ArrowDown');
    await page.locator('[data-token-number="1"][aria-selected="true"]').waitFor();
    await page.keyboard.press('i');
    await page.locator('[data-token-number="1"][data-status="CHECKED_IN"]').waitFor();
    expect(await statuses()).toEqual(['ALLOCATED', 'ALLOCATED', 'CHECKED_IN']);
  });
});
