import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AllocationServiceService, promiseClient } from '@opd/api';
import { boardViolations } from '../src/simulator/invariants.js';
import { chooseSimulationDay } from '../src/simulator/simulation-day.js';
import { Simulator } from '../src/simulator/simulator.js';
import {
  type AllocationProcess,
  KEYS,
  startAllocationProcess,
} from './support/allocation-process.js';
import { target } from './support/cli-args.js';
import { noonZone } from '@opd/service-runtime/testing';
import { opd } from './support/run-cli.js';

const zone = noonZone();
let service: AllocationProcess;

beforeAll(async () => {
  service = await startAllocationProcess({ OPD_TIME_ZONE: zone });
  for (const name of ['Dr. Meera Rao', 'Dr. Arjun Nair']) {
    // Twelve places each in the afternoon: a busy morning of arrivals overflows them.
    const run = await opd([
      ...target(service, KEYS.admin, zone),
      'doctor',
      'create',
      '--name',
      name,
      '--department',
      'ENT',
      '--session',
      'daily=15:00-18:00/30x2',
    ]);
    if (run.code !== 0) throw new Error(run.err);
  }
}, 90_000);
afterAll(() => service?.stop());

describe('the simulator playing a morning against the real service', () => {
  it('ends with every invariant intact and every arrival accounted for', async () => {
    const client = promiseClient(AllocationServiceService, service.address, {
      apiKey: KEYS.counter,
    });
    // The rooms call patients in with a doctor's key, as the doctors' screens do.
    const room = promiseClient(AllocationServiceService, service.address, {
      apiKey: KEYS.doctor,
    });
    try {
      const day = await chooseSimulationDay(client, { date: 'auto', timeZone: zone });
      expect(day.isToday).toBe(true);
      const lines: string[] = [];
      const result = await new Simulator(client, {
        day,
        minutes: 45,
        speed: 100_000,
        ratePerMinute: 1,
        seed: 20261127,
        roomClient: room,
        signal: new AbortController().signal,
        onLine: (line) => lines.push(line),
      }).run();

      expect(result.violations).toEqual([]);
      const { tally } = result;
      const arrived = tally.count('arrived');
      expect(arrived).toBeGreaterThan(25);
      // Every arrival got a token or a waitlist place, or was told the day is full (its
      // waitlist at its bound); the phones are all new.
      const full = tally.misses.refused.get('DOCTOR_DAY_FULL') ?? 0;
      expect(tally.count('allocated') + tally.count('waitlisted') + full).toBe(arrived);
      // 24 places for about 45 patients: some wait, and those who wait outnumber the places freed.
      expect(tally.count('waitlisted')).toBeGreaterThan(0);
      expect(tally.count('checkedIn')).toBeGreaterThan(0);
      expect(lines.some((l) => l.includes('full: waitlisted at position'))).toBe(true);

      // The rooms called the checked-in patients in and saw them, with no call failing.
      const { rooms } = result;
      expect(rooms.count('calls')).toBeGreaterThan(0);
      expect(rooms.count('seen')).toBeGreaterThan(0);
      expect(tally.count('completed')).toBe(rooms.count('seen'));
      expect(tally.misses.errors).toBe(0);
      expect(lines.some((l) => / call {7}/.test(l))).toBe(true);
      expect(rooms.table()[0]).toMatch(/^ROOM\s+PACE\s+CALLS\s+RECALLS\s+SKIPS\s+SEEN/);

      // The service agrees: no slot is over capacity on either board.
      for (const { doctor } of day.doctors) {
        const { board } = await client.getDoctorDayBoard({
          doctorId: doctor.doctorId,
          date: day.date,
        });
        expect(board && boardViolations(board, new Date(), doctor.displayName)).toEqual([]);
        expect(board?.slots.every((s) => s.occupancy <= s.capacity)).toBe(true);
      }
    } finally {
      client.close();
      room.close();
    }
  }, 60_000);

  it('prints a summary table from `opd simulate`, here for tomorrow (bookings only)', async () => {
    const run = await opd([
      ...target(service, KEYS.counter, zone),
      'simulate',
      '--date',
      'tomorrow',
      '--minutes',
      '20',
      '--speed',
      '100000',
      '--rate',
      '1.5',
      '--seed',
      '7',
    ]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain(
      'Check-ins open on the day itself, so this run books and cancels only.',
    );
    expect(run.out).toMatch(/^SOURCE\s+ARRIVED\s+ALLOCATED\s+DISPLACED_SOMEONE\s+WAITLISTED/m);
    expect(run.out).toMatch(/^TOTAL\s+\d+/m);
    expect(run.out).toContain('Invariants hold on every board');
  }, 60_000);

  it("plays today's rooms from `opd simulate` with a doctor key, and prints what each room did", async () => {
    const run = await opd([
      ...target(service, KEYS.counter, zone),
      'simulate',
      '--doctor-key',
      KEYS.doctor,
      '--minutes',
      '30',
      '--speed',
      '100000',
      '--rate',
      '1',
      '--seed',
      '11',
      '--quiet',
    ]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^ROOM\s+PACE\s+CALLS\s+RECALLS\s+SKIPS\s+SEEN\s+TRANSFERRED/m);
    expect(run.out).toMatch(/^Dr. Meera Rao\s+\d+\.\d min\s+\d+/m);
    expect(run.out).toMatch(/^The rooms called [1-9]\d* times, .* saw \d+ patients/m);
    expect(run.out).not.toContain('failed unexpectedly');
  }, 60_000);

  it('stops at once, saying which key the rooms need, when the key may not call patients in', async () => {
    const run = await opd([
      ...target(service, KEYS.counter, zone),
      'simulate',
      '--minutes',
      '10',
      '--speed',
      '100000',
      '--quiet',
    ]);
    expect(run.code).toBe(1);
    expect(run.err).toContain(
      "Role 'counter' may not call CallNext (PERMISSION_DENIED, ROLE_NOT_ALLOWED).",
    );
    expect(run.err).toContain("The simulator's rooms call with --doctor-key (OPD_DOCTOR_API_KEY)");
  }, 60_000);
});
