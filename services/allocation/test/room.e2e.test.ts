import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { status } from '@grpc/grpc-js';
import { Source, TokenMove, TokenStatus, type Token } from '@opd/api';
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

// The doctor's room (DESIGN.md §3b) over gRPC: call next, recall, skip, complete, transfer, undo,
// the room queue and expected times on the board, and who may do what.

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

async function tokenOf(doctorId: string, source = Source.SOURCE_WALK_IN, patientPhone = phone()) {
  const res = await counter.requestToken({
    requestId: rid(),
    patientId: '',
    patientPhone,
    patientName: 'Kavya Nair',
    doctorId,
    date: TODAY,
    source,
    preferredSlotId: '',
    notes: '',
  });
  if (res.outcome?.$case !== 'allocated' || !res.outcome.value.token)
    throw new Error('expected a token');
  return res.outcome.value.token;
}

async function checkedIn(doctorId: string, source = Source.SOURCE_WALK_IN): Promise<Token> {
  const token = await tokenOf(doctorId, source);
  const res = await counter.checkInToken({ requestId: rid(), tokenId: token.tokenId });
  if (!res.token) throw new Error('no token');
  return res.token;
}

const callNext = (doctorId: string) => doctor.callNext({ requestId: rid(), doctorId, date: TODAY });
const board = async (doctorId: string) => {
  const res = await counter.getDoctorDayBoard({ doctorId, date: TODAY });
  if (!res.board) throw new Error('no board');
  return res.board;
};

describe("the doctor's room, over gRPC", () => {
  it('calls the room queue in order, one at a time; an empty queue changes nothing', async () => {
    h.clock.set(ist('08:30'));
    const doctorId = await addDoctor(admin, [session('09:00', '10:00', 30, 4)]);
    expect(await callNext(doctorId)).toEqual({ token: undefined, queueLength: 0 });

    const first = await checkedIn(doctorId);
    const second = await checkedIn(doctorId);
    const called = await callNext(doctorId);
    expect(called.token).toMatchObject({
      tokenId: first.tokenId,
      status: TokenStatus.TOKEN_STATUS_CALLED,
    });
    expect(called.token?.callTime).toEqual(ist('08:30'));
    expect(called.queueLength).toBe(1);

    const refused = await expectRefused(
      callNext(doctorId),
      status.FAILED_PRECONDITION,
      'TOKEN_ALREADY_CALLED',
    );
    expect(refused.metadata).toMatchObject({ token_id: first.tokenId, token_number: '1' });

    const b = await board(doctorId);
    expect(b.calledTokenId).toBe(first.tokenId);
    expect(b.roomQueueTokenIds).toEqual([second.tokenId]);
  });

  it('recalls and skips only the called token; twice skipped may be marked no-show at once', async () => {
    h.clock.set(ist('09:00'));
    const doctorId = await addDoctor(admin, [session('09:00', '10:00', 30, 4)]);
    const a = await checkedIn(doctorId);
    const b = await checkedIn(doctorId);
    await expectRefused(
      doctor.recallToken({ requestId: rid(), tokenId: a.tokenId }),
      status.FAILED_PRECONDITION,
      'TOKEN_NOT_CALLED',
    );
    await callNext(doctorId);
    const recalled = await doctor.recallToken({ requestId: rid(), tokenId: a.tokenId });
    expect(recalled.token).toMatchObject({
      status: TokenStatus.TOKEN_STATUS_CALLED,
      recallCount: 1,
    });

    const skipped = await doctor.skipToken({ requestId: rid(), tokenId: a.tokenId });
    expect(skipped.token).toMatchObject({
      status: TokenStatus.TOKEN_STATUS_CHECKED_IN,
      skipCount: 1,
    });
    // Skipped waits behind everyone not skipped.
    expect((await board(doctorId)).roomQueueTokenIds).toEqual([b.tokenId, a.tokenId]);
    await expectRefused(
      counter.markNoShow({ requestId: rid(), tokenId: a.tokenId }),
      status.FAILED_PRECONDITION,
      'INVALID_TRANSITION',
    );

    expect((await callNext(doctorId)).token?.tokenId).toBe(b.tokenId);
    await doctor.completeToken({ requestId: rid(), tokenId: b.tokenId });
    expect((await callNext(doctorId)).token?.tokenId).toBe(a.tokenId);
    await doctor.skipToken({ requestId: rid(), tokenId: a.tokenId });
    const noShow = await counter.markNoShow({ requestId: rid(), tokenId: a.tokenId });
    expect(noShow.token?.status).toBe(TokenStatus.TOKEN_STATUS_NO_SHOW);
  });

  it('puts an EMERGENCY patient first in the queue and gives each queued token a place and time', async () => {
    h.clock.set(ist('09:00'));
    const doctorId = await addDoctor(admin, [session('09:00', '10:00', 30, 6)]);
    const walkIn = await checkedIn(doctorId);
    const emergency = await checkedIn(doctorId, Source.SOURCE_EMERGENCY);
    const later = await tokenOf(doctorId);
    const b = await board(doctorId);
    expect(b.roomQueueTokenIds).toEqual([emergency.tokenId, walkIn.tokenId]);
    // Before five consultations are known: the slot's pace, 30 minutes for 6 = 5.
    expect(b.consultationMinutes).toBe(5);
    const byId = new Map(b.tokens.map((t) => [t.tokenId, t]));
    expect(byId.get(emergency.tokenId)).toMatchObject({
      queuePlace: 1,
      expectedCallTime: ist('09:00'),
    });
    expect(byId.get(walkIn.tokenId)).toMatchObject({
      queuePlace: 2,
      expectedCallTime: ist('09:05'),
    });
    expect(byId.get(later.tokenId)).toMatchObject({
      queuePlace: 0,
      expectedCallTime: ist('09:00'),
    });

    await callNext(doctorId);
    const after = new Map((await board(doctorId)).tokens.map((t) => [t.tokenId, t]));
    // One patient in the room: the walk-in is first in the queue and waits one consultation.
    expect(after.get(walkIn.tokenId)).toMatchObject({
      queuePlace: 1,
      expectedCallTime: ist('09:05'),
    });
  });

  it('learns the consultation time from completed consultations', async () => {
    h.clock.set(ist('09:00'));
    const doctorId = await addDoctor(admin, [session('09:00', '12:00', 60, 10)]);
    for (const minutes of [4, 6, 7, 9, 12]) {
      await checkedIn(doctorId);
      await callNext(doctorId);
      const called = (await board(doctorId)).calledTokenId;
      h.clock.set(new Date(h.clock.now() + minutes * 60_000));
      await doctor.completeToken({ requestId: rid(), tokenId: called });
    }
    expect((await board(doctorId)).consultationMinutes).toBe(7);
  });

  it('undoes the last move within the window, by a role that may make it, into a free place only', async () => {
    h.clock.set(ist('09:00'));
    const doctorId = await addDoctor(admin, [
      session('09:00', '10:00', 30, 1),
      session('10:00', '10:30', 30, 1),
    ]);
    const a = await checkedIn(doctorId);
    const called = await callNext(doctorId);
    expect(called.token).toMatchObject({ undoableMove: TokenMove.TOKEN_MOVE_CALL });
    expect(called.token?.undoableUntil).toEqual(ist('09:10'));

    // A counter may not take back the doctor's call.
    const denied = await expectRefused(
      counter.undoTokenTransition({ requestId: rid(), tokenId: a.tokenId }),
      status.PERMISSION_DENIED,
      'ROLE_NOT_ALLOWED',
    );
    expect(denied.metadata).toMatchObject({ method: 'CallNext' });
    const undone = await doctor.undoTokenTransition({ requestId: rid(), tokenId: a.tokenId });
    expect(undone.undoneMove).toBe(TokenMove.TOKEN_MOVE_CALL);
    expect(undone.token).toMatchObject({
      status: TokenStatus.TOKEN_STATUS_CHECKED_IN,
      queuePlace: 1,
    });
    const again = await expectRefused(
      doctor.undoTokenTransition({ requestId: rid(), tokenId: a.tokenId }),
      status.FAILED_PRECONDITION,
      'UNDO_REFUSED',
    );
    expect(again.metadata).toMatchObject({ why: 'ALREADY_UNDONE' });

    // A cancellation taken back once its place went to the waitlist: refused, nothing changes.
    const held = await tokenOf(doctorId);
    await counter.cancelToken({ requestId: rid(), tokenId: held.tokenId, reason: 'left' });
    const waiting = await tokenOf(doctorId); // takes the freed place
    expect(waiting.slotId).toBe(held.slotId);
    const taken = await expectRefused(
      counter.undoTokenTransition({ requestId: rid(), tokenId: held.tokenId }),
      status.FAILED_PRECONDITION,
      'UNDO_REFUSED',
    );
    expect(taken.metadata).toMatchObject({ why: 'PLACE_TAKEN' });

    // Past the window: refused.
    h.clock.set(ist('09:11'));
    await counter.cancelToken({ requestId: rid(), tokenId: waiting.tokenId, reason: 'x' });
    h.clock.set(ist('09:22'));
    const late = await expectRefused(
      counter.undoTokenTransition({ requestId: rid(), tokenId: waiting.tokenId }),
      status.FAILED_PRECONDITION,
      'UNDO_REFUSED',
    );
    expect(late.metadata).toMatchObject({ why: 'WINDOW_PASSED' });
  });

  it('keeps the room to its doctor: a counter may not call, a doctor may not transfer', async () => {
    h.clock.set(ist('09:00'));
    const doctorId = await addDoctor(admin);
    await expectRefused(
      counter.callNext({ requestId: rid(), doctorId, date: TODAY }),
      status.PERMISSION_DENIED,
      'ROLE_NOT_ALLOWED',
    );
    const token = await tokenOf(doctorId);
    const other = await addDoctor(admin);
    await expectRefused(
      doctor.transferToken({
        requestId: rid(),
        tokenId: token.tokenId,
        targetDoctorId: other,
        reason: 'x',
      }),
      status.PERMISSION_DENIED,
      'ROLE_NOT_ALLOWED',
    );
  });

  it('refuses room work outside its day', async () => {
    h.clock.set(ist('09:00'));
    const doctorId = await addDoctor(admin);
    await checkedIn(doctorId);
    h.clock.set(ist('00:30', '2026-11-28'));
    await expectRefused(callNext(doctorId), status.FAILED_PRECONDITION, 'ROOM_CLOSED');
  });
});

describe('transfer to another doctor, over gRPC', () => {
  it('moves a checked-in patient, checked in, and gives the freed place to the waitlist', async () => {
    h.clock.set(ist('09:00'));
    const from = await addDoctor(admin, [session('09:00', '10:00', 60, 1)], 'Dr. From');
    const to = await addDoctor(admin, [session('09:00', '10:00', 60, 2)], 'Dr. To');
    const patient = await checkedIn(from);
    const waiting = await counter.requestToken({
      requestId: rid(),
      patientId: '',
      patientPhone: phone(),
      patientName: 'Waiting One',
      doctorId: from,
      date: TODAY,
      source: Source.SOURCE_WALK_IN,
      preferredSlotId: '',
      notes: '',
    });
    expect(waiting.outcome?.$case).toBe('waitlisted');

    const request = {
      requestId: rid(),
      tokenId: patient.tokenId,
      targetDoctorId: to,
      reason: 'needs ENT opinion',
    };
    const res = await counter.transferToken(request);
    expect(res.token).toMatchObject({
      status: TokenStatus.TOKEN_STATUS_TRANSFERRED,
      transferReason: 'needs ENT opinion',
      transferredToTokenId: res.newToken?.tokenId,
    });
    expect(res.newToken).toMatchObject({
      doctorId: to,
      status: TokenStatus.TOKEN_STATUS_CHECKED_IN,
      transferredFromTokenId: patient.tokenId,
      source: patient.source,
      requestTime: patient.requestTime,
      queuePlace: 1,
    });
    expect(res.promotions).toHaveLength(1);
    // The same request again: the same answer, nothing moved twice.
    expect(await counter.transferToken(request)).toEqual(res);
    expect((await board(to)).tokens).toHaveLength(1);
  });

  it('refuses a full target, a patient who holds a token there, the same doctor, and no reason', async () => {
    h.clock.set(ist('09:00'));
    const from = await addDoctor(admin, [session('09:00', '10:00', 60, 2)]);
    const full = await addDoctor(admin, [session('09:00', '10:00', 60, 1)]);
    await checkedIn(full);
    const patientPhone = phone();
    const token = await tokenOf(from, Source.SOURCE_WALK_IN, patientPhone);
    const refused = await expectRefused(
      counter.transferToken({
        requestId: rid(),
        tokenId: token.tokenId,
        targetDoctorId: full,
        reason: 'x',
      }),
      status.FAILED_PRECONDITION,
      'TRANSFER_TARGET_FULL',
    );
    expect(refused.metadata).toMatchObject({ doctor_id: full, date: TODAY });

    const other = await addDoctor(admin, [session('09:00', '10:00', 60, 3)]);
    await tokenOf(other, Source.SOURCE_WALK_IN, patientPhone);
    await expectRefused(
      counter.transferToken({
        requestId: rid(),
        tokenId: token.tokenId,
        targetDoctorId: other,
        reason: 'x',
      }),
      status.ALREADY_EXISTS,
      'PATIENT_ALREADY_HOLDS_TOKEN',
    );
    const same = await expectRefused(
      counter.transferToken({
        requestId: rid(),
        tokenId: token.tokenId,
        targetDoctorId: from,
        reason: 'x',
      }),
      status.INVALID_ARGUMENT,
      'FIELD_VIOLATION',
    );
    expect(same.message).toContain('target_doctor_id');
    const noReason = await expectRefused(
      counter.transferToken({
        requestId: rid(),
        tokenId: token.tokenId,
        targetDoctorId: other,
        reason: ' ',
      }),
      status.INVALID_ARGUMENT,
      'FIELD_VIOLATION',
    );
    expect(noReason.message).toContain('reason');
    // Nothing changed on the source day.
    const stillThere = (await board(from)).tokens.find((t) => t.tokenId === token.tokenId);
    expect(stillThere?.status).toBe(TokenStatus.TOKEN_STATUS_ALLOCATED);
  });

  it('runs opposite transfers at once without a deadlock', async () => {
    h.clock.set(ist('09:00'));
    const a = await addDoctor(admin, [session('09:00', '10:00', 60, 40)]);
    const b = await addDoctor(admin, [session('09:00', '10:00', 60, 40)]);
    const fromA = await Promise.all(Array.from({ length: 12 }, () => tokenOf(a)));
    const fromB = await Promise.all(Array.from({ length: 12 }, () => tokenOf(b)));
    const moves = [
      ...fromA.map((t) => ({ token: t, to: b })),
      ...fromB.map((t) => ({ token: t, to: a })),
    ];
    const results = await Promise.allSettled(
      moves.map(({ token, to }) =>
        counter.transferToken({
          requestId: rid(),
          tokenId: token.tokenId,
          targetDoctorId: to,
          reason: 'swap',
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const [boardA, boardB] = [await board(a), await board(b)];
    const held = (tokens: readonly Token[]) =>
      tokens.filter((t) => t.status === TokenStatus.TOKEN_STATUS_ALLOCATED).length;
    expect(held(boardA.tokens)).toBe(12);
    expect(held(boardB.tokens)).toBe(12);
  });
});
