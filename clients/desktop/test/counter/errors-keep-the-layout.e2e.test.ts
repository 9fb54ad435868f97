// Issue 15, defect 3: on an error the issue screen's fields dropped to a second row, the message
// appeared twice and in jargon ("read as IN"), and with the services down the page said
// "Loading doctors…", then "No doctor matches", the error wrapped one word per line.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { waitForFocus } from '../support/browser.js';
import {
  screenshot,
  startCounterSession,
  type CounterSession,
} from '../support/counter-session.js';
import { createDoctor, everyDay } from '../support/fixtures.js';
import { runningSlot } from '../support/midday.js';

let session: CounterSession;

beforeAll(async () => {
  session = await startCounterSession();
  await createDoctor(session.admin.handlers, {
    name: 'Dr. Meera Rao',
    schedule: everyDay(runningSlot(4)),
  });
}, 240_000);

afterAll(() => session?.close());

const top = async (page: Page, selector: string) =>
  (await page.locator(selector).boundingBox())?.y ?? Number.NaN;

describe('an error on the issue screen', () => {
  it('explains a phone number the service refuses once, in plain words, beside the field', async () => {
    const { page } = await session.open();
    await page.getByRole('option').filter({ hasText: 'Dr. Meera Rao' }).waitFor();
    const before = await top(page, '.doctor-picker');

    await waitForFocus(page, '[name="phone"]');
    await page.keyboard.type('00000 00000');
    await page.keyboard.press('Enter');
    const problem = page.locator('#phone-problem');
    await problem.waitFor();

    expect(await problem.textContent()).toBe(
      'This is not a phone number we can use. Write the 10-digit mobile number, e.g. 98450 12345.',
    );
    expect(await page.getByRole('alert').count()).toBe(1);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/read as|\bIN\b/);
    expect(await top(page, '.doctor-picker')).toBe(before);
    await waitForFocus(page, '[name="phone"]');
    await screenshot(page, 'en', 'issue-bad-phone');
  });

  it('says the services cannot be reached instead of "Loading doctors…" and "No doctor matches"', async () => {
    const { page } = await session.open({ allocationAddress: '127.0.0.1:1' });
    const outage = page.getByTestId('doctors-unreachable');
    await outage.waitFor();

    expect(await outage.textContent()).toBe(
      'The allocation service cannot be reached, so the doctors cannot be shown. The counter keeps trying; if it lasts, call IT.',
    );
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toContain('Loading doctors');
    expect(text).not.toContain('No doctor matches');
    expect(await page.getByRole('alert').count()).toBe(1);
    // One readable paragraph, not a word per line.
    const box = await outage.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(300);
    await screenshot(page, 'en', 'issue-services-down');
  });
});
