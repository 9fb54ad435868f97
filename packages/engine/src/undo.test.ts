import { describe, expect, it } from '@jest/globals';
import { requestToken } from './allocate.js';
import { invariantViolations } from './invariants.js';
import {
  cancelToken,
  cancelWaitlistEntry,
  checkInToken,
  completeToken,
  markNoShow,
  noShowAllowedFrom,
} from './lifecycle.js';
import { DEFAULT_POLICY } from './priority.js';
import { roomQueue } from './room-queue.js';
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
import { undoableMove, undoLastTransition } from './undo.js';

const newId = ids('u');
const undo = (day: DoctorDay, patient: string, hhmm: string) =>
  undoLastTransition(day, tokenOf(day, patient).id, context(at(hhmm), newId));
const refused = (reason: string, day: DoctorDay, patient: string) => ({
  ok: false,
  error: { code: 'UNDO_REFUSED', tokenId: tokenOf(day, patient).id, reason },
});
const call = (day: DoctorDay, hhmm: string) => unwrap(callNext(day, context(at(hhmm)))).day;
const skip = (day: DoctorDay, patient: string, hhmm: string) =>
  unwrap(skipToken(day, tokenOf(day, patient).id, context(at(hhmm)))).day;
const twoByTwo = () => buildDay([session('09:00', '10:00', 30, 2)]);

describe('undoing the last move', () => {
  it('takes back a check-in: the patient is booked again, as an event of its own', () => {
    const day = arrive(book(twoByTwo(), [['a', 'WALK_IN']]), ['a'], '08:50');
    const out = unwrap(undo(day, 'a', '08:52'));
    expect(out.events).toEqual([
      expect.objectContaining({
        type: 'TransitionUndone',
        tokenId: tokenOf(day, 'a').id,
        move: 'CHECK_IN',
        from: 'CHECKED_IN',
        to: 'ALLOCATED',
      }),
    ]);
    expect(out.token.status).toBe('ALLOCATED');
    expect(out.token.checkedInAt).toBeUndefined();
    expect(out.token.lastTransition).toEqual({
      from: 'CHECKED_IN',
      to: 'ALLOCATED',
      at: at('08:52'),
      move: 'CHECK_IN',
      undo: true,
    });
  });

  it('takes back a call: the patient returns to their place in the queue', () => {
    let day = book(twoByTwo(), [
      ['a', 'WALK_IN'],
      ['b', 'WALK_IN'],
    ]);
    day = arrive(day, ['a', 'b'], '08:50');
    day = skip(call(day, '09:00'), 'a', '09:01');
    day = call(day, '09:02'); // b
    day = arrive(book(day, [['c', 'WALK_IN']]), ['c'], '09:03');
    const before = roomQueue(day).map((t) => t.patientId);
    const out = unwrap(undo(day, 'b', '09:04'));
    expect(out.token).toMatchObject({ status: 'CHECKED_IN', checkedInAt: at('08:50'), skips: 0 });
    expect(out.token.calledAt).toBeUndefined();
    expect(roomQueue(out.day).map((t) => t.patientId)).toEqual(['b', ...before]);
  });

  it('takes back a skip: the patient is called again, from the original call', () => {
    let day = arrive(book(twoByTwo(), [['a', 'WALK_IN']]), ['a'], '08:50');
    day = skip(call(day, '09:00'), 'a', '09:05');
    const out = unwrap(undo(day, 'a', '09:06'));
    expect(out.token).toMatchObject({ status: 'CALLED', calledAt: at('09:00'), skips: 0 });
    expect(out.token.lastSkippedAt).toBeUndefined();
  });

  it('takes back a completion, to the room or to the queue it came from', () => {
    let day = book(twoByTwo(), [
      ['a', 'WALK_IN'],
      ['b', 'WALK_IN'],
    ]);
    day = call(arrive(day, ['a', 'b'], '08:50'), '09:00');
    day = unwrap(completeToken(day, tokenOf(day, 'a').id, context(at('09:06')))).day;
    day = unwrap(completeToken(day, tokenOf(day, 'b').id, context(at('09:07')))).day;
    const a = unwrap(undo(day, 'a', '09:08')).token;
    expect(a).toMatchObject({ status: 'CALLED', calledAt: at('09:00') });
    expect(a.completedAt).toBeUndefined();
    expect(unwrap(undo(day, 'b', '09:08')).token.status).toBe('CHECKED_IN');
  });

  it('brings back a cancelled token into its free place', () => {
    const day = book(twoByTwo(), [['a', 'WALK_IN']]);
    const gone = unwrap(cancelToken(day, tokenOf(day, 'a').id, 'by mistake', context(at('08:30'))));
    const back = unwrap(undo(gone.day, 'a', '08:31'));
    expect(back.token).toMatchObject({ status: 'ALLOCATED', slotId: tokenOf(day, 'a').slotId });
    expect(back.token.cancelledAt).toBeUndefined();
    expect(invariantViolations(back.day, at('08:31'))).toEqual([]);
  });

  it('brings back a no-show with a fresh grace period from the undo', () => {
    const day = book(twoByTwo(), [['a', 'WALK_IN']]);
    const gone = unwrap(markNoShow(day, tokenOf(day, 'a').id, context(at('09:15')))).day;
    const back = unwrap(undo(gone, 'a', '09:20'));
    expect(back.token).toMatchObject({ status: 'ALLOCATED', graceFrom: at('09:20') });
    expect(noShowAllowedFrom(back.day, back.token, 15)).toBe(at('09:35'));
    expect(markNoShow(back.day, back.token.id, context(at('09:34')))).toMatchObject({
      ok: false,
      error: { code: 'GRACE_PERIOD_NOT_OVER', allowedFrom: at('09:35') },
    });
  });

  it('protects a token brought back for a patient displaced since it was cancelled', () => {
    const oneByTwo = buildDay([session('09:00', '10:00', 30, 1)]);
    let day = book(oneByTwo, [
      ['q', 'WALK_IN'],
      ['p', 'WALK_IN'],
    ]);
    const first = tokenOf(day, 'p').id;
    day = unwrap(cancelToken(day, first, 'x', context(at('08:10')))).day;
    day = book(day, [['p', 'WALK_IN']], at('08:10'));
    day = book(day, [['e', 'EMERGENCY']], at('08:11')); // displaces p's new token
    const entry = day.waitlist.find((w) => w.patientId === 'p')?.id ?? '';
    day = unwrap(cancelWaitlistEntry(day, entry, 'x', context(at('08:13')))).day;
    day = unwrap(cancelToken(day, tokenOf(day, 'e').id, 'x', context(at('08:14')))).day;
    const back = unwrap(undoLastTransition(day, first, context(at('08:15'))));
    expect(back.token).toMatchObject({ status: 'ALLOCATED', protected: true });
    expect(invariantViolations(back.day, at('08:15'))).toEqual([]);
  });
});

describe('an undo is refused, changing nothing,', () => {
  it('when there is nothing to undo: a new, promoted, displaced or transferred token', () => {
    let day = book(buildDay([session('09:00', '09:30', 30, 1)]), [
      ['a', 'WALK_IN'],
      ['e', 'EMERGENCY'],
    ]);
    expect(undo(day, 'e', '08:30')).toEqual(refused('NOTHING_TO_UNDO', day, 'e'));
    expect(undo(day, 'a', '08:30')).toEqual(refused('NOTHING_TO_UNDO', day, 'a'));
    day = unwrap(cancelToken(day, tokenOf(day, 'e').id, 'x', context(at('08:30'), newId))).day;
    expect(tokenOf(day, 'a').promotedFromEntryId).toBeDefined();
    expect(undo(day, 'a', '08:31')).toEqual(refused('NOTHING_TO_UNDO', day, 'a'));

    let from = arrive(book(twoByTwo(), [['b', 'WALK_IN']]), ['b'], '08:50');
    const other = buildDay([session('09:00', '10:00', 30, 2)], { id: 'd2', doctorId: 'dr-2' });
    from = unwrap(
      transferToken(from, other, tokenOf(from, 'b').id, 'ENT', context(at('08:51'), newId)),
    ).source.day;
    expect(undo(from, 'b', '08:52')).toEqual(refused('NOTHING_TO_UNDO', from, 'b'));
  });

  it('for a displaced token, even one whose check-in was just taken back', () => {
    let day = book(buildDay([session('09:00', '09:30', 30, 1)]), [['w', 'WALK_IN']]);
    day = unwrap(undo(arrive(day, ['w'], '08:30'), 'w', '08:31')).day;
    day = book(day, [['e', 'EMERGENCY']], at('08:31'));
    const displaced = day.tokens.find((t) => t.patientId === 'w' && t.status === 'PREEMPTED');
    expect(displaced?.lastTransition).toBeUndefined();
    expect(undoLastTransition(day, displaced?.id ?? '', context(at('08:33')))).toMatchObject({
      ok: false,
      error: { reason: 'NOTHING_TO_UNDO' },
    });
  });

  it('after the window, which is inclusive', () => {
    const day = arrive(book(twoByTwo(), [['a', 'WALK_IN']]), ['a'], '08:50');
    expect(undo(day, 'a', '09:00').ok).toBe(true);
    const late = context(at('09:00') + 1);
    expect(undoLastTransition(day, tokenOf(day, 'a').id, late)).toEqual(
      refused('WINDOW_PASSED', day, 'a'),
    );
  });

  it('for an undo: one level only', () => {
    let day = arrive(book(twoByTwo(), [['a', 'WALK_IN']]), ['a'], '08:50');
    day = unwrap(undo(day, 'a', '08:51')).day;
    expect(undo(day, 'a', '08:52')).toEqual(refused('ALREADY_UNDONE', day, 'a'));
  });

  it('when the freed place was taken meanwhile', () => {
    const oneSlot = buildDay([session('09:00', '09:30', 30, 1)]);
    const day = book(oneSlot, [
      ['a', 'WALK_IN'],
      ['b', 'WALK_IN'],
    ]);
    const out = unwrap(cancelToken(day, tokenOf(day, 'a').id, 'x', context(at('08:30'), newId)));
    expect(out.promoted.map((t) => t.patientId)).toEqual(['b']);
    expect(undo(out.day, 'a', '08:31')).toEqual(refused('PLACE_TAKEN', out.day, 'a'));
  });

  it('when the patient holds another token there', () => {
    let day = book(twoByTwo(), [['a', 'WALK_IN']]);
    const first = tokenOf(day, 'a').id;
    day = unwrap(cancelToken(day, first, 'x', context(at('08:30')))).day;
    day = book(day, [['a', 'WALK_IN']], at('08:30'));
    expect(undoLastTransition(day, first, context(at('08:32')))).toEqual({
      ok: false,
      error: { code: 'UNDO_REFUSED', tokenId: first, reason: 'PATIENT_HOLDS_ANOTHER' },
    });
  });

  it('for a check-in whose slot has ended', () => {
    const day = arrive(book(twoByTwo(), [['a', 'WALK_IN']]), ['a'], '09:25');
    expect(undo(day, 'a', '09:29').ok).toBe(true);
    expect(undo(day, 'a', '09:30')).toEqual(refused('SLOT_ENDED', day, 'a'));
  });

  it('for a check-in while a more urgent patient waits', () => {
    let day = book(buildDay([session('09:00', '09:30', 30, 1)]), [['w', 'WALK_IN']]);
    day = arrive(day, ['w'], '08:30');
    const emergency = unwrap(
      requestToken(day, { patientId: 'e', source: 'EMERGENCY' }, context(at('08:31'), newId)),
    );
    expect(emergency.kind).toBe('WAITLISTED');
    expect(undo(emergency.day, 'w', '08:32')).toEqual(refused('OUTRANKED', emergency.day, 'w'));
  });

  it('for a return to the room while another patient is in it', () => {
    let day = book(twoByTwo(), [
      ['a', 'WALK_IN'],
      ['b', 'WALK_IN'],
    ]);
    day = arrive(day, ['a', 'b'], '08:50');
    day = skip(call(day, '09:00'), 'a', '09:01');
    day = call(day, '09:02');
    expect(undo(day, 'a', '09:03')).toEqual(refused('ANOTHER_CALLED', day, 'a'));
  });

  it('for an unknown token', () => {
    expect(undoLastTransition(twoByTwo(), 'nope', context(at('08:00')))).toEqual({
      ok: false,
      error: { code: 'TOKEN_NOT_FOUND', tokenId: 'nope' },
    });
  });
});

describe('the undo key', () => {
  const day = book(twoByTwo(), [['a', 'WALK_IN']]);
  const checkedIn = unwrap(checkInToken(day, tokenOf(day, 'a').id, context(at('08:50')))).token;

  it('offers the last move until the end of the window', () => {
    expect(undoableMove(checkedIn, at('09:00'), DEFAULT_POLICY)).toEqual({
      move: 'CHECK_IN',
      deadline: at('09:00'),
    });
    expect(undoableMove(checkedIn, at('09:00') + 1, DEFAULT_POLICY)).toBeUndefined();
  });

  it('offers nothing for a new token or an undo', () => {
    expect(undoableMove(tokenOf(day, 'a'), at('08:50'), DEFAULT_POLICY)).toBeUndefined();
    const undone = unwrap(
      undoLastTransition(arrive(day, ['a'], '08:50'), checkedIn.id, context(at('08:51'))),
    );
    expect(undoableMove(undone.token, at('08:52'), DEFAULT_POLICY)).toBeUndefined();
  });
});
