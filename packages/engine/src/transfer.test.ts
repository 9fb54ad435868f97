import { describe, expect, it } from '@jest/globals';
import { invariantViolations } from './invariants.js';
import { cancelToken, cancelWaitlistEntry, completeToken } from './lifecycle.js';
import { callNext, skipToken } from './room.js';
import {
  arrive,
  at,
  book,
  buildDay,
  context,
  ids,
  session,
  tokenOf,
  unwrap,
} from './testing/day-builder.js';
import { transferToken } from './transfer.js';
import type { DoctorDay } from './types.js';

const newId = ids('x');
const rao = (capacity = 1) =>
  buildDay([session('09:00', '10:00', 30, capacity)], { id: 'rao', doctorId: 'dr-rao' });
const iyer = (capacity = 1) =>
  buildDay([session('09:00', '10:00', 30, capacity)], { id: 'iyer', doctorId: 'dr-iyer' });
const send = (
  from: DoctorDay,
  to: DoctorDay,
  patient: string,
  hhmm: string,
  reason = 'needs ENT',
) => transferToken(from, to, tokenOf(from, patient).id, reason, context(at(hhmm), newId));

describe('transferring a patient to another doctor', () => {
  it('moves a called patient checked in, with their source, priority and request time', () => {
    let from = book(rao(), [
      ['asha', 'FOLLOW_UP'],
      ['bala', 'WALK_IN'],
      ['chitra', 'WALK_IN'],
    ]);
    from = arrive(from, ['asha'], '08:50');
    from = unwrap(callNext(from, context(at('09:00')))).day;
    from = unwrap(skipToken(from, tokenOf(from, 'asha').id, context(at('09:01')))).day;
    from = unwrap(callNext(from, context(at('09:02')))).day;
    const asha = tokenOf(from, 'asha');

    const { source, target } = unwrap(send(from, iyer(), 'asha', '09:05'));

    expect(target.token).toMatchObject({
      patientId: 'asha',
      status: 'CHECKED_IN',
      checkedInAt: at('09:05'),
      allocatedAt: at('09:05'),
      source: 'FOLLOW_UP',
      priority: asha.priority,
      requestedAt: asha.requestedAt,
      skips: 0,
      recalls: 0,
      protected: false,
      transferredFrom: { doctorDayId: 'rao', tokenId: asha.id },
    });
    expect(target.token.lastTransition).toBeUndefined();
    expect(target.events.map((e) => e.type)).toEqual(['TokenAllocated']);
    expect(target.events[0]).toMatchObject({ type: 'TokenAllocated', token: target.token });

    expect(source.token).toMatchObject({
      status: 'TRANSFERRED',
      transferredAt: at('09:05'),
      transferReason: 'needs ENT',
      transferredTo: { doctorDayId: 'iyer', tokenId: target.token.id },
    });
    expect(source.token.lastTransition).toBeUndefined();
    // The freed 09:00 place runs until 09:30: Chitra, waiting, gets it.
    expect(source.events.map((e) => e.type)).toEqual(['TokenTransferred', 'WaitlistEntryPromoted']);
    expect(source.events[0]).toMatchObject({
      tokenId: asha.id,
      reason: 'needs ENT',
      toDoctorDayId: 'iyer',
      toTokenId: target.token.id,
    });
    expect(source.promoted.map((t) => t.patientId)).toEqual(['chitra']);
    expect(invariantViolations(source.day, at('09:05'))).toEqual([]);
    expect(invariantViolations(target.day, at('09:05'))).toEqual([]);
  });

  it('moves a patient who has not arrived as booked, into the first slot with room', () => {
    const from = book(rao(), [['asha', 'WALK_IN']]);
    const to = book(iyer(), [['dev', 'WALK_IN']]);
    const { target } = unwrap(send(from, to, 'asha', '08:30'));
    expect(target.token.status).toBe('ALLOCATED');
    expect(target.token.checkedInAt).toBeUndefined();
    expect(target.slot.localStart).toBe('09:30');
  });

  it('displaces the least urgent booking of a full target, which then waits', () => {
    const from = book(rao(), [['asha', 'PAID']]);
    const to = book(iyer(), [
      ['dev', 'ONLINE'],
      ['esha', 'WALK_IN'],
    ]);
    const { target } = unwrap(send(from, to, 'asha', '08:30'));
    expect(target.events.map((e) => e.type)).toEqual([
      'TokenPreempted',
      'TokenAllocated',
      'WaitlistEntryAdded',
    ]);
    expect(target.preempted?.patientId).toBe('dev');
    expect(target.displacedEntry).toMatchObject({ patientId: 'dev', status: 'WAITING' });
    expect(invariantViolations(target.day, at('08:30'))).toEqual([]);
  });

  it('protects a patient displaced earlier on the target from being displaced there again', () => {
    let to = book(iyer(), [
      ['x', 'WALK_IN'],
      ['y', 'WALK_IN'],
    ]);
    to = book(to, [['e', 'EMERGENCY']], at('08:10')); // displaces y, the latest walk-in
    const entry = to.waitlist.find((w) => w.patientId === 'y');
    to = unwrap(
      cancelWaitlistEntry(to, entry?.id ?? '', 'went to Dr Rao', context(at('08:15'))),
    ).day;
    to = unwrap(cancelToken(to, tokenOf(to, 'x').id, 'not coming', context(at('08:16')))).day;
    const from = book(rao(), [['y', 'WALK_IN']], at('08:16'));
    expect(unwrap(send(from, to, 'y', '08:30')).target.token.protected).toBe(true);
  });
});

describe('a transfer is refused, changing nothing,', () => {
  const from = book(rao(), [['asha', 'WALK_IN']]);

  it('without a reason', () => {
    expect(send(from, iyer(), 'asha', '08:30', '  ')).toEqual({
      ok: false,
      error: { code: 'TRANSFER_REASON_REQUIRED' },
    });
  });

  it('to the same doctor, or to another date', () => {
    const sameDoctor = buildDay([session('09:00', '10:00', 30, 1)], {
      id: 'rao-again',
      doctorId: 'dr-rao',
    });
    expect(send(from, sameDoctor, 'asha', '08:30')).toEqual({
      ok: false,
      error: { code: 'TRANSFER_TARGET_INVALID', reason: 'SAME_DOCTOR' },
    });
    const tomorrow = buildDay([session('09:00', '10:00', 30, 1)], {
      id: 'iyer-28',
      doctorId: 'dr-iyer',
      date: '2026-11-28',
    });
    expect(send(from, tomorrow, 'asha', '08:30')).toEqual({
      ok: false,
      error: { code: 'TRANSFER_TARGET_INVALID', reason: 'OTHER_DATE' },
    });
  });

  it('when the target has no room and nobody less urgent to make way', () => {
    const full = book(iyer(), [
      ['dev', 'WALK_IN'],
      ['esha', 'WALK_IN'],
    ]);
    expect(send(from, full, 'asha', '08:30')).toEqual({
      ok: false,
      error: { code: 'TRANSFER_TARGET_FULL', doctorDayId: 'iyer' },
    });
  });

  it("when the target's day is over", () => {
    const late = buildDay([session('09:00', '09:30', 30, 1)], { id: 'iyer', doctorId: 'dr-iyer' });
    let here = book(rao(), [['asha', 'WALK_IN']]);
    here = arrive(here, ['asha'], '09:00');
    expect(send(here, late, 'asha', '09:40')).toEqual({
      ok: false,
      error: { code: 'DOCTOR_DAY_OVER' },
    });
  });

  it('when the patient already holds a token or waits there', () => {
    const holds = book(iyer(), [['asha', 'WALK_IN']]);
    expect(send(from, holds, 'asha', '08:30')).toMatchObject({
      ok: false,
      error: { code: 'PATIENT_ALREADY_HOLDS_TOKEN', tokenId: tokenOf(holds, 'asha').id },
    });
    const waits = book(iyer(), [
      ['dev', 'WALK_IN'],
      ['esha', 'WALK_IN'],
      ['asha', 'WALK_IN'],
    ]);
    expect(send(from, waits, 'asha', '08:30')).toMatchObject({
      ok: false,
      error: { code: 'PATIENT_ALREADY_WAITING', position: 1 },
    });
  });

  it('for a token that no longer holds a place', () => {
    let done = arrive(from, ['asha'], '09:00');
    done = unwrap(completeToken(done, tokenOf(done, 'asha').id, context(at('09:10')))).day;
    expect(send(done, iyer(), 'asha', '09:11')).toEqual({
      ok: false,
      error: { code: 'INVALID_TRANSITION', subject: 'TOKEN', from: 'COMPLETED', to: 'TRANSFERRED' },
    });
    expect(transferToken(from, iyer(), 'nope', 'x', context(at('08:30')))).toEqual({
      ok: false,
      error: { code: 'TOKEN_NOT_FOUND', tokenId: 'nope' },
    });
  });
});
