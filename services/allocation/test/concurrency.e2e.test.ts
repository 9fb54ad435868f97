import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { status } from '@grpc/grpc-js';
import { Source, type RequestTokenRequest } from '@opd/api';
import { invariantViolations } from '@opd/engine';
import { decodeServiceError } from '@opd/service-runtime';
import { loadDayView } from '../src/commands/day-view.js';
import { DoctorDay } from '../src/db/entities/index.js';
import { addDoctor, session } from './support/fixtures.js';
import {
  ist,
  phone,
  rid,
  startHarness,
  TODAY,
  type AllocationClient,
  type Harness,
} from './support/harness.js';

let h: Harness;
let counter: AllocationClient;
let admin: AllocationClient;

beforeAll(async () => {
  h = await startHarness();
  counter = h.client('counter');
  admin = h.client('admin');
  h.clock.set(ist('07:00'));
});
afterAll(() => h.stop());

const SOURCES = [
  Source.SOURCE_EMERGENCY,
  Source.SOURCE_PAID,
  Source.SOURCE_FOLLOW_UP,
  Source.SOURCE_WALK_IN,
  Source.SOURCE_ONLINE,
];
const ask = (doctorId: string, i: number): RequestTokenRequest => ({
  requestId: rid(),
  patientId: '',
  patientPhone: phone(),
  patientName: `Patient ${i}`,
  doctorId,
  date: TODAY,
  source: SOURCES[i % SOURCES.length] ?? Source.SOURCE_WALK_IN,
  preferredSlotId: '',
  notes: '',
});

/** The doctor-day as stored, checked against every invariant of DESIGN.md §3. */
async function storedDay(doctorId: string) {
  const em = h.app.env.orm.em.fork();
  const row = await em.findOneOrFail(DoctorDay, { doctorId, date: TODAY });
  const view = await loadDayView(em, row);
  return view.day;
}

function expectSound(
  day: Awaited<ReturnType<typeof storedDay>>,
  places: number,
  requests: number,
  refused = 0,
) {
  expect(invariantViolations(day, h.clock.now())).toEqual([]);
  const held = day.tokens.filter((t) =>
    ['ALLOCATED', 'CHECKED_IN', 'COMPLETED'].includes(t.status),
  );
  expect(held).toHaveLength(places);
  const numbers = day.tokens.map((t) => t.number);
  expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  const waiting = day.waitlist.filter((e) => e.status === 'WAITING');
  // Everyone who asked is holding a place, waiting for one, or was told the day is full.
  expect(held.length + waiting.length + refused).toBe(requests);
  // The places went to the most urgent requests.
  const lowestHeld = Math.min(...held.map((t) => t.priority));
  expect(waiting.every((e) => e.priority <= lowestHeld)).toBe(true);
}

describe('many counters at once', () => {
  it('gives 200 simultaneous mixed requests for 10 places exactly 10 tokens, waits up to the bound and refuses the rest', async () => {
    const doctorId = await addDoctor(admin, [session('09:00', '10:00', 30, 5)]);
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) => counter.requestToken(ask(doctorId, i))),
    );
    const failures = results
      .filter((r) => r.status === 'rejected')
      .map((r) => decodeServiceError(r.reason));
    expect(new Set(failures.map((f) => `${f.code} ${f.reason ?? ''}`))).toEqual(
      new Set(failures.length ? [`${status.FAILED_PRECONDITION} DOCTOR_DAY_FULL`] : []),
    );
    const day = await storedDay(doctorId);
    expectSound(day, 10, 200, failures.length);
    // A day of 10 places lets 5 wait (the minimum bound); only emergencies and displaced
    // patients may wait beyond it.
    const waiting = day.waitlist.filter((e) => e.status === 'WAITING');
    const ordinary = waiting.filter((e) => e.source !== 'EMERGENCY' && !e.displacedTokenId);
    expect(ordinary.length).toBeLessThanOrEqual(5);
    expect(waiting.length).toBeGreaterThanOrEqual(5);
  }, 120_000);

  it('keeps 50 doctor-days right when they are all busy in parallel, without making them wait on each other', async () => {
    const doctors = await Promise.all(
      Array.from({ length: 50 }, (_, d) =>
        addDoctor(admin, [session('09:00', '09:30', 30, 4)], `Dr. ${d}`),
      ),
    );
    const calls = doctors.flatMap((doctorId) =>
      Array.from({ length: 8 }, (_, i) => counter.requestToken(ask(doctorId, i))),
    );
    const results = await Promise.allSettled(calls);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    for (const doctorId of doctors) expectSound(await storedDay(doctorId), 4, 8);
  }, 120_000);

  it('answers concurrent retries of one request once: one token, the same answer to all', async () => {
    const doctorId = await addDoctor(admin);
    const request = ask(doctorId, 3);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => counter.requestToken(request)),
    );
    const first = answers[0];
    for (const answer of answers) expect(answer).toEqual(first);
    const day = await storedDay(doctorId);
    expect(day.tokens).toHaveLength(1);
  }, 120_000);

  it('returns the committed answer to a retry after the client gave up waiting', async () => {
    const doctorId = await addDoctor(admin);
    const request = ask(doctorId, 3);
    const impatient = await counter
      .requestToken(request, { timeoutMs: 1 })
      .catch((e: unknown) => decodeServiceError(e));
    const retry = await counter.requestToken(request);
    const day = await storedDay(doctorId);
    expect(day.tokens).toHaveLength(1);
    if ('code' in impatient)
      expect([status.DEADLINE_EXCEEDED, status.CANCELLED]).toContain(impatient.code);
    expect(retry.outcome?.$case).toBe('allocated');
  });
});
