// Issue 15, families on one phone: a mother books for her children on her phone. The lookup
// lists the phone's patients numbered; a digit picks one, a new name adds a family member
// (Alt+M when the phone has one patient). Alt+R opens the optional registration details.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { CounterPage } from '../support/browser.js';
import { waitForFocus } from '../support/browser.js';
import {
  screenshot,
  startCounterSession,
  type CounterSession,
} from '../support/counter-session.js';
import { book, createDoctor, everyDay, phone } from '../support/fixtures.js';
import { runningSlot } from '../support/midday.js';

let session: CounterSession;
let counter: CounterPage;
let doctorId = '';
let otherId = '';
const mothers = phone();

const PHONE = '[name="phone"]';
const NAME = '[name="name"]';
const DOCTOR = '[name="doctor-search"]';
const ISSUE = '.issue-button';

beforeAll(async () => {
  session = await startCounterSession();
  const doctor = await createDoctor(session.admin.handlers, {
    name: 'Dr. Nisha Paediatrics',
    schedule: everyDay(runningSlot(10)),
  });
  doctorId = doctor.doctorId;
  const other = await createDoctor(session.admin.handlers, {
    name: 'Dr. Omar Dermatology',
    schedule: everyDay(runningSlot(10)),
  });
  otherId = other.doctorId;
  // The mother came before, for herself.
  await book(session.admin.handlers, {
    doctorId: otherId,
    date: session.today,
    name: 'Meena Iyer',
    phone: mothers,
  });
  counter = await session.open();
}, 240_000);

afterAll(() => session?.close());

async function lookUp(page: Page, number: string, focus: string): Promise<void> {
  await page.keyboard.press('Escape');
  await waitForFocus(page, PHONE);
  await page.keyboard.type(number);
  await page.keyboard.press('Enter');
  await waitForFocus(page, focus);
}

async function issueWith(page: Page, doctor: string): Promise<void> {
  await waitForFocus(page, DOCTOR);
  await page.keyboard.type(doctor);
  await page.keyboard.press('Enter');
  await waitForFocus(page, ISSUE);
  await page.keyboard.press('Enter');
  await page.getByTestId('token-number').waitFor();
}

const namesOnBoard = async (id: string) =>
  (await session.admin.handlers.getBoard({ doctorId: id, date: session.today })).tokens.map(
    (t) => t.patientName,
  );

describe('a family on one phone', () => {
  it('adds a first child to the mother’s phone with Alt+M', async () => {
    const { page } = counter;
    await lookUp(page, mothers, DOCTOR);
    await page.getByTestId('patient-found').getByText('Meena Iyer').waitFor();
    await page.keyboard.press('Alt+m');
    await waitForFocus(page, NAME);
    await page.keyboard.type('Kavya Iyer');
    await page.keyboard.press('Enter');
    await issueWith(page, 'nisha');
    expect(await namesOnBoard(doctorId)).toEqual(['Kavya Iyer']);
  });

  it('books a second child on the mother’s phone by typing a new name', async () => {
    const { page } = counter;
    await lookUp(page, mothers, NAME);
    const family = page.getByTestId('family');
    await family.getByText('Kavya Iyer').waitFor();
    expect(await family.locator('li').allInnerTexts()).toEqual([
      expect.stringMatching(/^1\s+Meena Iyer/),
      expect.stringMatching(/^2\s+Kavya Iyer/),
    ]);
    await screenshot(page, 'en', 'issue-family');
    await page.keyboard.type('Arjun Iyer');
    await page.keyboard.press('Enter');
    await issueWith(page, 'nisha');
    expect((await namesOnBoard(doctorId)).sort()).toEqual(['Arjun Iyer', 'Kavya Iyer']);
    const lookup = await session.admin.handlers.findPatient({ phone: mothers });
    expect(lookup.found && lookup.patients.map((p) => p.name)).toEqual([
      'Meena Iyer',
      'Kavya Iyer',
      'Arjun Iyer',
    ]);
  });

  it('picks a family member with a digit key and books for that patient', async () => {
    const { page } = counter;
    await lookUp(page, mothers, NAME);
    await page.getByTestId('family').getByText('Arjun Iyer').waitFor();
    await page.keyboard.press('2');
    await waitForFocus(page, DOCTOR);
    await page
      .getByTestId('family')
      .locator('li[aria-current="true"]')
      .getByText('Kavya Iyer')
      .waitFor();
    await issueWith(page, 'omar');
    expect((await namesOnBoard(otherId)).sort()).toEqual(['Kavya Iyer', 'Meena Iyer']);
  });
});

describe('the optional registration details', () => {
  it('opens them with Alt+R, names a bad ABHA number beside its field, and issues once fixed', async () => {
    const { page } = counter;
    await lookUp(page, phone(), NAME);
    await page.keyboard.type('Rohan Das');
    await page.keyboard.press('Enter');
    await waitForFocus(page, DOCTOR);
    await page.keyboard.type('nisha');
    await page.keyboard.press('Enter');
    await waitForFocus(page, ISSUE);
    expect(await page.getByTestId('registration').count()).toBe(0);
    await page.keyboard.press('Alt+r');
    await waitForFocus(page, 'select[name="sex"]');
    await page.keyboard.press('m');
    expect(await page.locator('select[name="sex"]').inputValue()).toBe('MALE');
    await page.locator('[name="ageYears"]').focus();
    await page.keyboard.type('34');
    await page.locator('[name="abhaNumber"]').focus();
    await page.keyboard.type('91-8765-4321-0121');
    await page.keyboard.press('Enter');
    const registration = page.getByTestId('registration');
    await registration
      .getByRole('alert')
      .getByText(/ABHA number/)
      .waitFor();
    await screenshot(page, 'en', 'issue-registration');
    await page.locator('[name="abhaNumber"]').fill('91-8765-4321-0122');
    await page.keyboard.press('Enter');
    await page.getByTestId('token-number').waitFor();
    expect(await namesOnBoard(doctorId)).toContain('Rohan Das');
  });
});

describe('in Hindi', () => {
  it('lists the family and opens the registration details in Hindi', async () => {
    const hindi = await session.open({ language: 'hi' });
    try {
      const { page } = hindi;
      await lookUp(page, mothers, NAME);
      await page.getByTestId('family').getByText('Arjun Iyer').waitFor();
      await page.getByText('इस फ़ोन पर — चुनने के लिए संख्या दबाएँ').waitFor();
      await screenshot(page, 'hi', 'issue-family');
      await page.keyboard.press('Alt+r');
      await waitForFocus(page, 'select[name="sex"]');
      await page.getByText('पंजीकरण विवरण (वैकल्पिक)').waitFor();
      await screenshot(page, 'hi', 'issue-registration');
    } finally {
      await hindi.close();
    }
  });
});
