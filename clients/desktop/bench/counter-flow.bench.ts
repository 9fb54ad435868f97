// The counter's keystroke table, measured: each flow is played by keyboard in headless Chromium
// against real services, and the keys, keystroke groups (runs of keys the clerk types without
// waiting to read the screen, each ending in an action) and milliseconds from the first key to
// the outcome on screen are printed. Printed, never asserted. `npm run bench -w @opd/desktop`
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { waitForFocus } from '../test/support/browser.js';
import { startCounterSession } from '../test/support/counter-session.js';
import { book, createDoctor, everyDay, phone } from '../test/support/fixtures.js';
import { afternoon, runningSlot } from '../test/support/midday.js';

const RUNS = Number(process.env['OPD_BENCH_RUNS'] ?? 8);
const DOCTOR = '[name="doctor-search"]';
const ISSUE = '.issue-button';
const TOKEN_LIST = '[role="listbox"][aria-label="Tokens by slot"]';

/** A key pressed, or text typed (one key per character). */
type Step = { readonly press: string } | { readonly type: string };
/** A keystroke group, and where the focus must be before it (the clerk glances at the screen). */
interface Group {
  readonly after?: string;
  readonly keys: readonly Step[];
}

interface Flow {
  readonly name: string;
  /** Puts the screen where the flow starts (not measured). */
  prepare(page: Page): Promise<void>;
  groups(run: number): readonly Group[];
  /** Resolves once the outcome is on screen. */
  outcome(page: Page, run: number): Promise<void>;
}

const keysOf = (groups: readonly Group[]): number =>
  groups
    .flatMap((g) => g.keys)
    .reduce((n, step) => n + ('press' in step ? 1 : step.type.length), 0);

async function play(page: Page, groups: readonly Group[]): Promise<void> {
  for (const group of groups) {
    if (group.after) await waitForFocus(page, group.after);
    for (const step of group.keys) {
      if ('press' in step) await page.keyboard.press(step.press);
      else await page.keyboard.type(step.type);
    }
  }
}

const session = await startCounterSession();
try {
  const { admin, today } = session;
  const doctor = await createDoctor(admin.handlers, {
    name: `Dr. Ira Bench${randomUUID().slice(0, 4)}`,
    schedule: everyDay(runningSlot(6 * RUNS + 60)),
  });
  const full = await createDoctor(admin.handlers, {
    name: 'Dr. Kabir Fullday',
    schedule: everyDay(afternoon(RUNS)),
  });
  const earlier = await createDoctor(admin.handlers, {
    schedule: everyDay(runningSlot(5 * RUNS)),
  });
  // Returning patients: each registered on an earlier visit to another doctor.
  const returning = async () => {
    const number = phone();
    await book(admin.handlers, {
      doctorId: earlier.doctorId,
      date: today,
      name: 'Returning',
      phone: number,
    });
    return number;
  };
  const walkIns = await Promise.all(Array.from({ length: RUNS }, returning));
  // Mothers who came before for themselves (one patient on the phone), and families whose
  // phone holds a mother and a child already.
  const mothers = await Promise.all(Array.from({ length: RUNS }, returning));
  const families = await Promise.all(
    Array.from({ length: RUNS }, async () => {
      const number = await returning();
      await book(admin.handlers, {
        doctorId: earlier.doctorId,
        date: today,
        name: 'First Child',
        phone: number,
      });
      return number;
    }),
  );
  const emergencies = await Promise.all(Array.from({ length: RUNS }, returning));
  // The full day: every afternoon place taken by walk-ins that an emergency may displace.
  for (let i = 0; i < 6 * RUNS; i += 1) {
    await book(admin.handlers, { doctorId: full.doctorId, date: today, name: `Walk-in ${i}` });
  }
  // Patients waiting to be checked in from the board, tokens 1… on the bench doctor.
  const arrivals: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const answer = await book(admin.handlers, {
      doctorId: doctor.doctorId,
      date: today,
      name: `Arrival ${i}`,
    });
    if (answer.outcome === 'allocated') arrivals.push(answer.token.tokenNumber);
  }

  const startOver = async (page: Page) => {
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Escape');
    await waitForFocus(page, '[name="phone"]');
  };
  const issued = (page: Page) => page.getByTestId('token-number').waitFor();
  const flows: Flow[] = [
    {
      name: 'returning walk-in',
      prepare: startOver,
      groups: (run) => [
        { keys: [{ type: walkIns[run] ?? '' }, { press: 'Enter' }] },
        { after: DOCTOR, keys: [{ type: 'ira' }, { press: 'Enter' }] },
        { after: ISSUE, keys: [{ press: 'Enter' }] },
      ],
      outcome: issued,
    },
    {
      name: 'new patient',
      prepare: startOver,
      groups: () => [
        { keys: [{ type: phone() }, { press: 'Enter' }] },
        { after: '[name="name"]', keys: [{ type: 'Asha Rao' }, { press: 'Enter' }] },
        { after: DOCTOR, keys: [{ type: 'ira' }, { press: 'Enter' }] },
        { after: ISSUE, keys: [{ press: 'Enter' }] },
      ],
      outcome: issued,
    },
    {
      name: 'second family member on the same phone (Alt+M, a new name)',
      prepare: startOver,
      groups: (run) => [
        { keys: [{ type: mothers[run] ?? '' }, { press: 'Enter' }] },
        {
          after: DOCTOR,
          keys: [{ press: 'Alt+m' }, { type: 'Second Child' }, { press: 'Enter' }],
        },
        { after: DOCTOR, keys: [{ type: 'ira' }, { press: 'Enter' }] },
        { after: ISSUE, keys: [{ press: 'Enter' }] },
      ],
      outcome: issued,
    },
    {
      name: 'a family member picked by number (phone with several patients)',
      prepare: startOver,
      groups: (run) => [
        { keys: [{ type: families[run] ?? '' }, { press: 'Enter' }] },
        { after: '[name="name"]', keys: [{ press: '2' }] },
        { after: DOCTOR, keys: [{ type: 'ira' }, { press: 'Enter' }] },
        { after: ISSUE, keys: [{ press: 'Enter' }] },
      ],
      outcome: issued,
    },
    {
      name: 'emergency on a full day (returning patient)',
      prepare: startOver,
      groups: (run) => [
        { keys: [{ type: emergencies[run] ?? '' }, { press: 'Enter' }] },
        { after: DOCTOR, keys: [{ type: 'kabir' }, { press: 'Enter' }] },
        { after: ISSUE, keys: [{ press: 'Alt+s' }, { press: 'e' }, { press: 'Enter' }] },
      ],
      outcome: (page) => page.getByRole('note').waitFor(),
    },
    {
      name: 'check in token N from the board',
      // The board was last left on the bench doctor; the clerk is on the issue screen.
      prepare: async (page) => {
        await page.keyboard.press('Alt+2');
        await page.keyboard.press('Alt+o');
        // The box may still show the doctor picked last: type over it.
        await page.keyboard.press('ControlOrMeta+a');
        await page.keyboard.type('ira');
        await page.keyboard.press('Enter');
        await waitForFocus(page, TOKEN_LIST);
        await startOver(page);
      },
      groups: (run) => [
        { keys: [{ press: 'Alt+2' }, { type: String(arrivals[run]) }, { press: 'Enter' }] },
        { after: TOKEN_LIST, keys: [{ press: 'i' }] },
      ],
      outcome: (page, run) =>
        page.locator(`[data-token-number="${arrivals[run]}"][data-status="CHECKED_IN"]`).waitFor(),
    },
  ];

  const counter = await session.open();
  const { page } = counter;
  const rows: string[] = [];
  for (const flow of flows) {
    const times: number[] = [];
    let keys = 0;
    let groups = 0;
    for (let run = 0; run < RUNS; run += 1) {
      await flow.prepare(page);
      const played = flow.groups(run);
      keys = keysOf(played);
      groups = played.length;
      const started = performance.now();
      await play(page, played);
      await flow.outcome(page, run).catch(async (error: unknown) => {
        await page.screenshot({ path: '/tmp/bench-fail.png' });
        throw new Error(`${flow.name}, run ${run}: ${String(error)}`);
      });
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
    rows.push(
      `| ${flow.name} | ${groups} | ${keys} | ${at(0.5).toFixed(0)} ms | ${at(1).toFixed(0)} ms |`,
    );
  }
  await counter.close();

  console.log(`\nCounter keystrokes: first key → outcome on screen (${RUNS} runs per flow)`);
  console.log('| flow | keystroke groups | keys | p50 | max |');
  console.log('|---|---|---|---|---|');
  for (const row of rows) console.log(row);
} finally {
  await session.close();
}
