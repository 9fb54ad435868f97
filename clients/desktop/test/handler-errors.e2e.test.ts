// The main process's handlers against a real allocation service (child process, own database,
// own event stream): what staff are told when something is wrong, and the admin screens.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { IssueTokenResult } from '../src/shared/ipc-contract.js';
import {
  createDoctor,
  daysFromToday,
  everyDay,
  phone,
  sessionAroundNow,
  today,
} from './support/fixtures.js';
import { handlerHarness, type HandlerHarness } from './support/handler-harness.js';
import { KEYS, startStack, type Stack } from './support/stack.js';

let stack: Stack;
let admin: HandlerHarness;
let counter: HandlerHarness;

beforeAll(async () => {
  stack = await startStack({ reporting: false });
  const at = { allocationAddress: stack.allocationAddress, reportingAddress: null };
  admin = handlerHarness({ ...at, apiKey: KEYS.admin });
  counter = handlerHarness({ ...at, apiKey: KEYS.counter });
});

afterAll(async () => {
  admin?.close();
  counter?.close();
  await stack?.stop();
});

const issue = (doctorId: string, patientPhone: string, date = today(), name = 'Asha Rao') =>
  counter.handlers.issueToken({
    requestId: randomUUID(),
    phone: patientPhone,
    name,
    doctorId,
    date,
    source: 'WALK_IN',
    preferredSlotId: null,
    patientId: null,
    registration: null,
    notes: '',
  });

function allocated(result: IssueTokenResult) {
  if (result.outcome !== 'allocated') throw new Error(`expected a token, got ${result.outcome}`);
  return result;
}

describe('what staff are told when something is wrong', () => {
  it('refuses a payload that is not the contract before any service sees it', async () => {
    const answer = await counter.dispatch('cancelToken', { requestId: 'nope', id: 42 });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    if (answer.ok) return;
    expect(answer.error.fieldViolations.map((v) => v.field)).toEqual(['requestId', 'id', 'reason']);
    expect(answer.error.message).toMatch(/^Please check the form: Request must be an id/);
  });

  it('names the phone number when the service cannot read it as one', async () => {
    const doctor = await createDoctor(admin.handlers, { schedule: everyDay(sessionAroundNow(1)) });
    const answer = await counter.dispatch('issueToken', {
      requestId: randomUUID(),
      phone: '00000 00000',
      name: 'Nobody',
      doctorId: doctor.doctorId,
      date: today(),
      source: 'WALK_IN',
      preferredSlotId: null,
      patientId: null,
      registration: null,
      notes: '',
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    if (answer.ok) return;
    expect(answer.error.fieldViolations[0]?.field).toBe('phone');
    expect(answer.error.message).toMatch(
      /^Please check the form: Phone number is not a valid phone/,
    );
  });

  it('says the doctor has no consultations on a leave day', async () => {
    const doctor = await createDoctor(admin.handlers, { schedule: everyDay(sessionAroundNow(1)) });
    const date = daysFromToday(2);
    await admin.handlers.setOverride({
      requestId: randomUUID(),
      doctorId: doctor.doctorId,
      date,
      plan: { kind: 'leave' },
      reason: 'Conference',
    });
    const answer = await counter.dispatch('issueToken', {
      requestId: randomUUID(),
      phone: phone(),
      name: 'Late Booker',
      doctorId: doctor.doctorId,
      date,
      source: 'WALK_IN',
      preferredSlotId: null,
      patientId: null,
      registration: null,
      notes: '',
    });
    // The renderer words it from the reason and the date in the counter's language.
    expect(answer).toMatchObject({
      ok: false,
      error: { reason: 'NO_SESSION_ON_DATE', metadata: { date }, service: 'allocation' },
    });
  });

  it("says a counter's key may not add doctors", async () => {
    const answer = await counter.dispatch('createDoctor', {
      requestId: randomUUID(),
      displayName: 'Dr. Nope',
      department: 'ENT',
      room: '',
      weeklySchedule: [],
    });
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'PERMISSION_DENIED',
        service: 'allocation',
      },
    });
  });

  it('says the service cannot be reached when nothing answers, and shows it offline', async () => {
    const nowhere = handlerHarness({
      allocationAddress: '127.0.0.1:9',
      reportingAddress: null,
      apiKey: KEYS.counter,
    });
    try {
      const answer = await nowhere.dispatch('listDoctors', { includeInactive: false });
      expect(answer).toMatchObject({
        ok: false,
        error: {
          code: 'UNAVAILABLE',
          message:
            'The allocation service cannot be reached. Check the network; the desktop keeps trying.',
        },
      });
      const status = await nowhere.waitFor('onConnectionChange', (s) => s.allocation === 'offline');
      expect(status).toEqual({ allocation: 'offline', reporting: 'not-configured' });
    } finally {
      nowhere.close();
    }
  });

  it('shows the allocation service as connected once its channel is up', async () => {
    await counter.handlers.listDoctors({ includeInactive: false });
    await counter.waitFor('onConnectionChange', (s) => s.allocation === 'connected');
    expect((await counter.handlers.getConnection(null)).allocation).toBe('connected');
  });

  it('says reports are not set up when the desktop has no reporting address', async () => {
    const answer = await counter.dispatch('listDailySummaries', {
      startDate: today(),
      endDate: today(),
      doctorId: '',
    });
    expect(answer).toMatchObject({
      ok: false,
      error: {
        reason: 'REPORTING_NOT_CONFIGURED',
        message: expect.stringMatching(/^Reports are not set up/),
      },
    });
  });
});

describe('doctors and schedules (admin)', () => {
  it('changes a weekly schedule and records and removes a leave day', async () => {
    const doctor = await createDoctor(admin.handlers, { schedule: everyDay(sessionAroundNow(1)) });
    const updated = await admin.handlers.updateDoctor({
      requestId: randomUUID(),
      doctorId: doctor.doctorId,
      displayName: `${doctor.displayName} Jr`,
      department: 'ENT',
      room: 'OPD 2, Room 14',
      active: true,
      weeklySchedule: everyDay(sessionAroundNow(4)),
    });
    expect(updated.doctor).toMatchObject({
      department: 'ENT',
      room: 'OPD 2, Room 14',
      displayName: `${doctor.displayName} Jr`,
    });
    expect(updated.doctor.weeklySchedule[0]?.sessions[0]?.capacityPerSlot).toBe(4);

    const date = daysFromToday(3);
    const range = { doctorId: doctor.doctorId, startDate: today(), endDate: daysFromToday(10) };
    await admin.handlers.setOverride({
      requestId: randomUUID(),
      doctorId: doctor.doctorId,
      date,
      plan: {
        kind: 'sessions',
        sessions: [{ startTime: '10:00', endTime: '11:00', slotMinutes: 30, capacityPerSlot: 2 }],
      },
      reason: 'Extra clinic',
    });
    expect(await admin.handlers.listOverrides(range)).toEqual([
      expect.objectContaining({
        date,
        reason: 'Extra clinic',
        plan: expect.objectContaining({ kind: 'sessions' }),
      }),
    ]);
    await admin.handlers.deleteOverride({
      requestId: randomUUID(),
      doctorId: doctor.doctorId,
      date,
    });
    expect(await admin.handlers.listOverrides(range)).toEqual([]);
  });

  it('refuses leave on a day patients already hold, and says what to do', async () => {
    const doctor = await createDoctor(admin.handlers, { schedule: everyDay(sessionAroundNow(2)) });
    const date = daysFromToday(1);
    allocated(await issue(doctor.doctorId, phone(), date));
    const answer = await admin.dispatch('setOverride', {
      requestId: randomUUID(),
      doctorId: doctor.doctorId,
      date,
      plan: { kind: 'leave' },
      reason: '',
    });
    expect(answer).toMatchObject({
      ok: false,
      error: { reason: 'SCHEDULE_CHANGE_DISPLACES_TOKENS', metadata: { date } },
    });
  });
});
