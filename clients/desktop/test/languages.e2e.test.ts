// Every screen in Hindi beside English (the counter's language is a setting), names in
// Devanagari shown and searched, and a hospital's own language file (Tamil here) used without
// a line of code. Screenshots of each screen in each language go to
// test-output/screenshots/<language>/.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitForFocus } from './support/browser.js';
import { screenshot, startCounterSession, type CounterSession } from './support/counter-session.js';
import { book, createDoctor, everyDay, phone } from './support/fixtures.js';
import { afternoon, runningSlot } from './support/midday.js';
import { KEYS } from './support/stack.js';

let session: CounterSession;
// ज़ written as one code point (U+095B); Unicode's normal form spells it ज + ़.
const ZAINAB = 'डॉ. \u095Bैनब ख़ान';

beforeAll(async () => {
  session = await startCounterSession({ reporting: true });
  const anita = await createDoctor(session.admin.handlers, {
    name: 'डॉ. अनीता वर्मा',
    department: 'Cardiology',
    schedule: everyDay(runningSlot(6), afternoon(2)),
  });
  await createDoctor(session.admin.handlers, {
    name: ZAINAB,
    department: 'ENT',
    schedule: everyDay(runningSlot(4)),
  });
  await book(session.admin.handlers, {
    doctorId: anita.doctorId,
    date: session.today,
    name: 'Ravi Kumar',
  });
}, 240_000);

afterAll(() => session?.close());

const SCREENS = {
  en: { issue: 'Issue token', board: 'Doctor-day board', tokenFound: 'Token 2' },
  hi: { issue: 'टोकन दें', board: 'डॉक्टर का दिन', tokenFound: 'टोकन 2' },
} as const;

describe.each(['en', 'hi'] as const)('the counter in %s', (language) => {
  it('issues a token to a patient named in Devanagari, found by a doctor typed in Devanagari', async () => {
    const counter = await session.open({ apiKey: KEYS.admin, language });
    const { page } = counter;
    const words = SCREENS[language];
    expect(await page.locator('html').getAttribute('lang')).toBe(language);
    expect(await page.locator('header nav').textContent()).toContain(words.issue);
    await page.getByRole('option').filter({ hasText: 'अनीता' }).waitFor();
    await screenshot(page, language, '1-issue-token');

    await waitForFocus(page, '[name="phone"]');
    await page.keyboard.type(phone());
    await page.keyboard.press('Enter');
    await waitForFocus(page, '[name="name"]');
    await page.keyboard.type('सुनीता शर्मा');
    await page.keyboard.press('Enter');
    await waitForFocus(page, '[name="doctor-search"]');
    await page.keyboard.type('अनीता');
    await page.keyboard.press('Enter');
    await waitForFocus(page, '.issue-button');
    await page.keyboard.press('Enter');
    await page.getByTestId('token-number').waitFor();
    expect(await page.locator('main').textContent()).toContain('सुनीता शर्मा');
    await screenshot(page, language, '2-token-issued');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, language, '3-token-slip-print');
    await page.emulateMedia({ media: 'screen' });

    await page.keyboard.press('Alt+b');
    await waitForFocus(page, 'input[name="board-find"]');
    await page.keyboard.type('सुनीता');
    await page.keyboard.press('Enter');
    const row = page.locator('[role="option"][aria-selected="true"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('सुनीता शर्मा');
    await screenshot(page, language, '4-board');

    await page.keyboard.press('Alt+3');
    await page.locator('.doctors-screen tbody tr').first().waitFor();
    await screenshot(page, language, '5-doctors');
    await page.keyboard.press('Alt+4');
    await page.getByTestId('summary-chart').locator('svg').first().waitFor();
    await screenshot(page, language, '6-reports');
    expect(counter.problems).toEqual([]);
  });

  it('finds a doctor whatever way the Devanagari was typed', async () => {
    const { page } = await session.open({ language });
    await waitForFocus(page, '[name="phone"]');
    await page.keyboard.press('Alt+o');
    // ज then the nukta as two code points: the same letter as the stored one.
    await page.keyboard.type('\u091C\u093Cैनब');
    const options = page.locator('#doctor-list [role="option"]');
    await options.first().waitFor();
    expect(await options.allTextContents()).toEqual([expect.stringContaining('ैनब ख़ान')]);
  });
});

describe("a hospital's own language file", () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'opd-languages-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds Tamil without code, English standing in for the words it does not have', async () => {
    writeFileSync(
      path.join(dir, 'ta.json'),
      JSON.stringify({ language: { name: 'தமிழ்' }, app: { screen: { issue: 'டோக்கன் வழங்கு' } } }),
    );
    const { page } = await session.open({ language: 'ta', languagesDir: dir });
    const nav = (await page.locator('header nav').textContent()) ?? '';
    expect(nav).toContain('டோக்கன் வழங்கு');
    expect(nav).toContain('Doctor-day board');
    expect(await page.locator('html').getAttribute('lang')).toBe('ta');
    await screenshot(page, 'ta', '1-issue-token');
  });
});
