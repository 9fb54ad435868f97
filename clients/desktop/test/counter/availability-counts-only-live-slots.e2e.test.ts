// Issue 15, defect 2: the doctor picker counted places in slots that had already ended ("12 of
// 44 left" on a full day) and said nothing of when the next free place was. It counts only live
// slots (those that have not ended) and shows the next free time beside each doctor.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CounterPage } from '../support/browser.js';
import { startCounterSession, type CounterSession } from '../support/counter-session.js';
import { book, createDoctor, everyDay } from '../support/fixtures.js';
import { afternoon, endedMorning, runningSlot } from '../support/midday.js';

let session: CounterSession;
let counter: CounterPage;

// 6 ended morning places, then 2 in the slot running now and 6 in the afternoon: 8 live.
const day = () => everyDay(endedMorning(1), runningSlot(2), afternoon(1));

async function doctorWith(name: string, patients: number) {
  const doctor = await createDoctor(session.admin.handlers, { name, schedule: day() });
  for (let i = 1; i <= patients; i += 1) {
    await book(session.admin.handlers, {
      doctorId: doctor.doctorId,
      date: session.today,
      name: `${name} patient ${i}`,
    });
  }
}

beforeAll(async () => {
  session = await startCounterSession();
  await doctorWith('Dr. Asha Free', 1);
  await doctorWith('Dr. Bina Later', 2);
  await doctorWith('Dr. Chitra Full', 8);
  await doctorWith('Dr. Dev Untouched', 0);
  await createDoctor(session.admin.handlers, {
    name: 'Dr. Esha Morning',
    schedule: everyDay(endedMorning(1)),
  });
  counter = await session.open();
}, 240_000);

afterAll(() => session?.close());

const availability = async (name: string) => {
  const option = counter.page.getByRole('option').filter({ hasText: name });
  return (await option.locator('.availability').textContent()) ?? '';
};

describe('what is left with each doctor today', () => {
  beforeAll(async () => {
    await counter.page.getByRole('option').filter({ hasText: 'Dr. Esha Morning' }).waitFor();
  });

  it('counts only the slots that have not ended, and says a place is free now', async () => {
    expect(await availability('Dr. Asha Free')).toBe('7 of 8 places left · free now');
    expect(await availability('Dr. Dev Untouched')).toBe('8 of 8 places left · free now');
  });

  it('shows when the next free place is when the running slot is full', async () => {
    expect(await availability('Dr. Bina Later')).toBe('6 of 8 places left · next free 14:00');
  });

  it('calls a day full when every live place is taken, however many ended places were empty', async () => {
    expect(await availability('Dr. Chitra Full')).toBe('full — new patients join the waitlist');
  });

  it('says when the day is over instead of offering places in the past', async () => {
    expect(await availability('Dr. Esha Morning')).toBe("today's consultations are over");
  });
});
