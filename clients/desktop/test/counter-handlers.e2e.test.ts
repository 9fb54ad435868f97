// The main process's counter handlers against a real allocation service (child process, own
// database, own event stream): issuing tokens and the doctor-day board.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { IssueTokenResult } from '../src/shared/ipc-contract.js';
import type { BoardView } from '../src/shared/views.js';
import { createDoctor, everyDay, phone, sessionAroundNow, today } from './support/fixtures.js';
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

describe('issuing tokens at the counter', () => {
  it('shows a new doctor in the picker with the places of the weekly schedule', async () => {
    const doctor = await createDoctor(admin.handlers, { schedule: everyDay(sessionAroundNow(3)) });
    const picker = await counter.handlers.listAvailability({ date: today() });
    const entry = picker.find((a) => a.doctor.doctorId === doctor.doctorId);
    expect(entry).toMatchObject({ opened: false, capacity: 3, occupancy: 0, waiting: 0 });

    // Looking at the board opens nothing (a Get never writes); the first token does.
    await counter.handlers.getBoard({ doctorId: doctor.doctorId, date: today() });
    const looked = await counter.handlers.listAvailability({ date: today() });
    expect(looked.find((a) => a.doctor.doctorId === doctor.doctorId)).toMatchObject({
      opened: false,
    });
    await issue(doctor.doctorId, phone());
    const opened = await counter.handlers.listAvailability({ date: today() });
    expect(opened.find((a) => a.doctor.doctorId === doctor.doctorId)).toMatchObject({
      opened: true,
      capacity: 3,
      occupancy: 1,
    });
  });

  it('registers a new patient and gives them the first token of the day', async () => {
    const doctor = await createDoctor(admin.handlers, { schedule: everyDay(sessionAroundNow(3)) });
    const number = phone();
    expect(await counter.handlers.findPatient({ phone: number })).toEqual({ found: false });

    const result = allocated(await issue(doctor.doctorId, number));
    expect(result.token).toMatchObject({ tokenNumber: 1, status: 'ALLOCATED', source: 'WALK_IN' });
    expect(result.slot.localStartTime).toBe(sessionAroundNow(3).startTime);

    const lookup = await counter.handlers.findPatient({ phone: number });
    expect(lookup).toMatchObject({ found: true, patient: { name: 'Asha Rao' } });
  });

  it('tells the counter which token a returning patient already holds', async () => {
    const doctor = await createDoctor(admin.handlers, { schedule: everyDay(sessionAroundNow(3)) });
    const number = phone();
    const first = allocated(await issue(doctor.doctorId, number));
    const again = await issue(doctor.doctorId, number);
    expect(again).toMatchObject({
      outcome: 'already-holds',
      token: { tokenId: first.token.tokenId, tokenNumber: first.token.tokenNumber },
      waitlistPosition: null,
    });
  });

  it('answers a retry of the same request with the same token, never a second one', async () => {
    const doctor = await createDoctor(admin.handlers, { schedule: everyDay(sessionAroundNow(3)) });
    const request = {
      requestId: randomUUID(),
      phone: phone(),
      name: 'Ravi',
      doctorId: doctor.doctorId,
      date: today(),
      source: 'WALK_IN' as const,
      preferredSlotId: null,
      patientId: null,
      registration: null,
      notes: '',
    };
    const first = allocated(await counter.handlers.issueToken(request));
    const retry = allocated(await counter.handlers.issueToken(request));
    expect(retry.token.tokenId).toBe(first.token.tokenId);
  });

  it('puts the patient on the waitlist with their position when every slot is full', async () => {
    const doctor = await createDoctor(admin.handlers, { schedule: everyDay(sessionAroundNow(1)) });
    allocated(await issue(doctor.doctorId, phone()));
    const waiting = await issue(doctor.doctorId, phone(), today(), 'Meena');
    expect(waiting).toMatchObject({ outcome: 'waitlisted', entry: { position: 1 } });
    const again = await issue(doctor.doctorId, phone(), today(), 'Kiran');
    expect(again).toMatchObject({ outcome: 'waitlisted', entry: { position: 2 } });
  });
});

describe('the doctor-day board', () => {
  it('pushes the waitlist promotion live when a token is cancelled', async () => {
    const doctor = await createDoctor(admin.handlers, { schedule: everyDay(sessionAroundNow(1)) });
    const held = allocated(await issue(doctor.doctorId, phone()));
    await issue(doctor.doctorId, phone(), today(), 'Waiting Patient');

    const { watchId } = await counter.handlers.watchBoard({
      doctorId: doctor.doctorId,
      date: today(),
    });
    const first = await counter.waitFor('onBoardUpdate', (u) => u.watchId === watchId);
    expect(first.board.waitlist.map((w) => w.patientName)).toEqual(['Waiting Patient']);

    const cancelled = await counter.handlers.cancelToken({
      requestId: randomUUID(),
      id: held.token.tokenId,
      reason: 'Patient called to cancel',
    });
    expect(cancelled.token.status).toBe('CANCELLED');
    expect(cancelled.promoted.map((t) => t.patientName)).toEqual(['Waiting Patient']);

    const promoted = await counter.waitFor(
      'onBoardUpdate',
      (u) => u.watchId === watchId && u.board.waitlist.length === 0,
    );
    const board: BoardView = promoted.board;
    expect(board.tokens.find((t) => t.patientName === 'Waiting Patient')).toMatchObject({
      status: 'ALLOCATED',
      promoted: true,
      tokenNumber: 2,
    });
    expect(board.sequence).toBeGreaterThan(first.board.sequence);

    await counter.handlers.unwatchBoard({ watchId });
  });

  it('checks a patient in and completes the consultation', async () => {
    const doctor = await createDoctor(admin.handlers, { schedule: everyDay(sessionAroundNow(2)) });
    const { token } = allocated(await issue(doctor.doctorId, phone()));
    const ids = () => ({ requestId: randomUUID(), tokenId: token.tokenId });
    expect(await counter.handlers.checkInToken(ids())).toMatchObject({ status: 'CHECKED_IN' });
    expect(await counter.handlers.completeToken(ids())).toMatchObject({ status: 'COMPLETED' });
  });

  it('refuses a no-show inside the grace period and says from when it is possible', async () => {
    const doctor = await createDoctor(admin.handlers, { schedule: everyDay(sessionAroundNow(2)) });
    const { token } = allocated(await issue(doctor.doctorId, phone()));
    const answer = await counter.dispatch('markNoShow', {
      requestId: randomUUID(),
      tokenId: token.tokenId,
    });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error).toMatchObject({
      code: 'FAILED_PRECONDITION',
      reason: 'GRACE_PERIOD_NOT_OVER',
    });
    // The renderer says "possible from 09:45" from this instant, in the hospital's zone.
    expect(Date.parse(answer.error.metadata['no_show_allowed_after'] ?? '')).toBeGreaterThan(
      Date.now(),
    );
  });

  it('refuses to complete a token that was never checked in, in words', async () => {
    const doctor = await createDoctor(admin.handlers, { schedule: everyDay(sessionAroundNow(2)) });
    const { token } = allocated(await issue(doctor.doctorId, phone()));
    const answer = await counter.dispatch('completeToken', {
      requestId: randomUUID(),
      tokenId: token.tokenId,
    });
    expect(answer).toMatchObject({
      ok: false,
      error: {
        reason: 'INVALID_TRANSITION',
        metadata: { current_status: expect.stringMatching(/ALLOCATED$/) },
      },
    });
  });
});
