import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { status } from '@grpc/grpc-js';
import { Source, TokenStatus, WaitlistEntryStatus, type RequestTokenRequest } from '@opd/api';
import { WaitlistEntry } from '../src/db/entities/index.js';
import { sweepOnce } from '../src/jobs/sweeper.js';
import { expectRefused } from '@opd/service-runtime/testing';
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
let doctor: AllocationClient;

beforeAll(async () => {
  h = await startHarness();
  counter = h.client('counter');
  admin = h.client('admin');
  doctor = h.client('doctor');
});
afterAll(() => h.stop());

const ask = (doctorId: string, source = Source.SOURCE_WALK_IN): RequestTokenRequest => ({
  requestId: rid(),
  patientId: '',
  patientPhone: phone(),
  patientName: 'Bala Krishnan',
  doctorId,
  date: TODAY,
  source,
  preferredSlotId: '',
  notes: '',
});

async function tokenOf(doctorId: string, source = Source.SOURCE_WALK_IN) {
  const res = await counter.requestToken(ask(doctorId, source));
  if (res.outcome?.$case !== 'allocated' || !res.outcome.value.token)
    throw new Error('expected a token');
  return res.outcome.value.token;
}

async function entryOf(doctorId: string) {
  const res = await counter.requestToken(ask(doctorId));
  if (res.outcome?.$case !== 'waitlisted' || !res.outcome.value.waitlistEntry)
    throw new Error('expected waitlist');
  return res.outcome.value.waitlistEntry;
}

describe('a token through the day, over gRPC', () => {
  it('promotes the first waiting patient into a cancelled place, in the same answer', async () => {
    h.clock.set(ist('07:00'));
    const doctorId = await addDoctor(admin, [session('09:00', '09:30', 30, 1)]);
    const held = await tokenOf(doctorId);
    const waiting = await entryOf(doctorId);
    const res = await counter.cancelToken({
      requestId: rid(),
      tokenId: held.tokenId,
      reason: 'feels better',
    });
    expect(res.token).toMatchObject({
      status: TokenStatus.TOKEN_STATUS_CANCELLED,
      cancelReason: 'feels better',
    });
    expect(res.promotions).toHaveLength(1);
    expect(res.promotions[0]).toMatchObject({
      waitlistEntryId: waiting.waitlistEntryId,
      token: { tokenNumber: 2 },
    });
  });

  it('checks a patient in and completes the consultation; the doctor role may do both', async () => {
    h.clock.set(ist('07:00'));
    const doctorId = await addDoctor(admin);
    const token = await tokenOf(doctorId);
    h.clock.set(ist('08:55'));
    const inside = await doctor.checkInToken({ requestId: rid(), tokenId: token.tokenId });
    expect(inside.token?.status).toBe(TokenStatus.TOKEN_STATUS_CHECKED_IN);
    h.clock.set(ist('09:10'));
    const done = await doctor.completeToken({ requestId: rid(), tokenId: token.tokenId });
    expect(done.token).toMatchObject({
      status: TokenStatus.TOKEN_STATUS_COMPLETED,
      completeTime: ist('09:10'),
    });
  });

  it('refuses to complete a token that was never checked in', async () => {
    h.clock.set(ist('07:00'));
    const doctorId = await addDoctor(admin);
    const token = await tokenOf(doctorId);
    const refused = await expectRefused(
      counter.completeToken({ requestId: rid(), tokenId: token.tokenId }),
      status.FAILED_PRECONDITION,
      'INVALID_TRANSITION',
    );
    expect(refused.metadata).toMatchObject({ current_status: 'TOKEN_STATUS_ALLOCATED' });
  });

  it('refuses a no-show at 14 minutes past the slot start and accepts it at 15', async () => {
    h.clock.set(ist('07:00'));
    const doctorId = await addDoctor(admin, [session('09:00', '09:30', 30, 1)]);
    const token = await tokenOf(doctorId);
    const waiting = await entryOf(doctorId);
    h.clock.set(ist('09:14'));
    await expectRefused(
      counter.markNoShow({ requestId: rid(), tokenId: token.tokenId }),
      status.FAILED_PRECONDITION,
      'GRACE_PERIOD_NOT_OVER',
    );
    h.clock.set(ist('09:15'));
    const res = await counter.markNoShow({ requestId: rid(), tokenId: token.tokenId });
    expect(res.token?.status).toBe(TokenStatus.TOKEN_STATUS_NO_SHOW);
    expect(res.promotions.map((p) => p.waitlistEntryId)).toEqual([waiting.waitlistEntryId]);
  });

  it('takes a waiting patient off the waitlist', async () => {
    h.clock.set(ist('07:00'));
    const doctorId = await addDoctor(admin, [session('09:00', '09:30', 30, 1)]);
    await tokenOf(doctorId);
    const entry = await entryOf(doctorId);
    const res = await counter.cancelWaitlistEntry({
      requestId: rid(),
      waitlistEntryId: entry.waitlistEntryId,
      reason: 'went home',
    });
    expect(res.waitlistEntry).toMatchObject({
      status: WaitlistEntryStatus.WAITLIST_ENTRY_STATUS_CANCELLED,
      position: 0,
    });
    await expectRefused(
      counter.cancelWaitlistEntry({
        requestId: rid(),
        waitlistEntryId: entry.waitlistEntryId,
        reason: '',
      }),
      status.FAILED_PRECONDITION,
      'INVALID_TRANSITION',
    );
  });

  it('reports unknown tokens and entries as NOT_FOUND', async () => {
    const missing = '11111111-1111-4111-8111-111111111111';
    await expectRefused(
      counter.getToken({ tokenId: missing }),
      status.NOT_FOUND,
      'TOKEN_NOT_FOUND',
    );
    await expectRefused(
      counter.cancelToken({ requestId: rid(), tokenId: missing, reason: '' }),
      status.NOT_FOUND,
      'TOKEN_NOT_FOUND',
    );
    await expectRefused(
      counter.cancelWaitlistEntry({ requestId: rid(), waitlistEntryId: missing, reason: '' }),
      status.NOT_FOUND,
      'WAITLIST_ENTRY_NOT_FOUND',
    );
  });
});

describe('the no-show sweeper with a driven clock', () => {
  it('marks a token no-show at slot start + 15 minutes, not before, and promotes the waitlist', async () => {
    h.clock.set(ist('07:00'));
    const doctorId = await addDoctor(admin, [session('09:00', '09:30', 30, 1)]);
    const token = await tokenOf(doctorId);
    const waiting = await entryOf(doctorId);
    h.clock.set(ist('09:14'));
    await sweepOnce(h.app.env);
    expect((await counter.getToken({ tokenId: token.tokenId })).token?.status).toBe(
      TokenStatus.TOKEN_STATUS_ALLOCATED,
    );
    h.clock.set(ist('09:15'));
    await sweepOnce(h.app.env);
    expect((await counter.getToken({ tokenId: token.tokenId })).token?.status).toBe(
      TokenStatus.TOKEN_STATUS_NO_SHOW,
    );
    const board = await counter.getDoctorDayBoard({ doctorId, date: TODAY });
    const promoted = board.board?.tokens.find(
      (t) => t.promotedFromWaitlistEntryId === waiting.waitlistEntryId,
    );
    expect(promoted).toMatchObject({ status: TokenStatus.TOKEN_STATUS_ALLOCATED, tokenNumber: 2 });
  });

  it('expires whoever still waits once the last slot has ended', async () => {
    h.clock.set(ist('07:00'));
    const doctorId = await addDoctor(admin, [session('09:00', '09:30', 30, 1)]);
    const token = await tokenOf(doctorId);
    const waiting = await entryOf(doctorId);
    h.clock.set(ist('09:01'));
    await counter.checkInToken({ requestId: rid(), tokenId: token.tokenId });
    h.clock.set(ist('09:30'));
    await sweepOnce(h.app.env);
    const board = await counter.getDoctorDayBoard({ doctorId, date: TODAY });
    expect(board.board?.waitlistEntries).toEqual([]);
    const entry = await h.app.env.orm.em
      .fork()
      .findOneOrFail(WaitlistEntry, waiting.waitlistEntryId);
    expect(entry.status).toBe('EXPIRED');
  });
});
