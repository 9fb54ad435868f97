import { describe, expect, it } from '@jest/globals';
import { requestToken } from './allocate.js';
import { invariantViolations } from './invariants.js';
import { cancelToken, checkInToken, completeToken, markNoShow } from './lifecycle.js';
import { roomClosesAt } from './room-hours.js';
import { calledToken, queuePlaces, roomQueue } from './room-queue.js';
import { callNext, recallToken, skipToken } from './room.js';
import { sweepDoctorDay } from './sweep.js';
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
import type { DoctorDay } from './types.js';

const queueOf = (day: DoctorDay) => roomQueue(day).map((t) => t.patientId);
const call = (day: DoctorDay, hhmm: string) => unwrap(callNext(day, context(at(hhmm))));
const skip = (day: DoctorDay, patient: string, hhmm: string) =>
  unwrap(skipToken(day, tokenOf(day, patient).id, context(at(hhmm)))).day;

// Two 30-minute slots of two: the first two booked are in the 09:00 slot, the next two at 09:30.
const morning = () => buildDay([session('09:00', '10:00', 30, 2)]);

describe('the room queue', () => {
  it('puts an emergency first, then earlier slots, then higher priority, then earlier arrival', () => {
    let day = book(morning(), [
      ['walk', 'WALK_IN'],
      ['follow', 'FOLLOW_UP'],
      ['online', 'ONLINE'],
      ['emergency', 'EMERGENCY'],
    ]);
    day = arrive(day, ['online'], '08:40');
    day = arrive(day, ['walk'], '08:45');
    day = arrive(day, ['emergency'], '08:50');
    day = arrive(day, ['follow'], '08:55');
    expect(queueOf(day)).toEqual(['emergency', 'follow', 'walk', 'online']);
    expect([...queuePlaces(day).values()]).toEqual([1, 2, 3, 4]);
    expect(queuePlaces(day).get(tokenOf(day, 'walk').id)).toBe(3);
  });

  it('orders equals by check-in, then by token number', () => {
    let day = book(morning(), [
      ['a', 'WALK_IN'],
      ['b', 'WALK_IN'],
      ['c', 'WALK_IN'],
      ['d', 'WALK_IN'],
    ]);
    day = arrive(day, ['b'], '08:40');
    day = arrive(day, ['a'], '08:50');
    day = arrive(day, ['d', 'c'], '08:55');
    expect(queueOf(day)).toEqual(['b', 'a', 'c', 'd']);
  });

  it('keeps only checked-in patients: not the booked, not the one in the room', () => {
    let day = book(morning(), [
      ['a', 'WALK_IN'],
      ['b', 'WALK_IN'],
      ['c', 'WALK_IN'],
    ]);
    day = arrive(day, ['a', 'b'], '08:50');
    day = call(day, '09:00').day;
    expect(queueOf(day)).toEqual(['b']);
    expect(calledToken(day)?.patientId).toBe('a');
  });

  it('sends the skipped behind everyone not skipped, in the order they were skipped', () => {
    let day = book(morning(), [
      ['a', 'EMERGENCY'],
      ['b', 'WALK_IN'],
      ['c', 'WALK_IN'],
      ['d', 'WALK_IN'],
    ]);
    day = arrive(day, ['a', 'b'], '08:50');
    day = skip(call(day, '09:00').day, 'a', '09:01');
    day = skip(call(day, '09:02').day, 'b', '09:03');
    day = arrive(day, ['d', 'c'], '09:04');
    expect(queueOf(day)).toEqual(['c', 'd', 'a', 'b']);
  });
});

describe('call next', () => {
  it('calls the head of the queue, even before its slot starts', () => {
    let day = book(morning(), [
      ['a', 'WALK_IN'],
      ['b', 'WALK_IN'],
    ]);
    day = arrive(day, ['b'], '08:30');
    day = arrive(day, ['a'], '08:35');
    const out = call(day, '08:45');
    expect(out.token).toMatchObject({ patientId: 'b', status: 'CALLED', calledAt: at('08:45') });
    expect(out.token?.lastTransition).toEqual({
      from: 'CHECKED_IN',
      to: 'CALLED',
      at: at('08:45'),
      move: 'CALL',
      undo: false,
    });
    expect(out.events.map((e) => e.type)).toEqual(['TokenCalled']);
    expect(invariantViolations(out.day, at('08:45'))).toEqual([]);
  });

  it('answers an empty queue with no token and changes nothing', () => {
    const day = book(morning(), [['a', 'WALK_IN']]);
    expect(callNext(day, context(at('09:00')))).toEqual({ ok: true, value: { day, events: [] } });
  });

  it('refuses while a patient is in the room, naming them', () => {
    let day = book(morning(), [
      ['a', 'WALK_IN'],
      ['b', 'WALK_IN'],
    ]);
    day = arrive(day, ['a', 'b'], '08:30');
    day = call(day, '09:00').day;
    const a = tokenOf(day, 'a');
    expect(callNext(day, context(at('09:01')))).toEqual({
      ok: false,
      error: { code: 'TOKEN_ALREADY_CALLED', tokenId: a.id, tokenNumber: a.number },
    });
  });

  it('is closed before the day begins and from the midnight that ends it', () => {
    let day = book(morning(), [['a', 'WALK_IN']]);
    day = arrive(day, ['a'], '08:30');
    const closed = {
      ok: false,
      error: { code: 'ROOM_CLOSED', opensAt: day.dayStartsAt, closesAt: roomClosesAt(day) },
    };
    expect(roomClosesAt(day)).toBe(at('00:00', '2026-11-28'));
    expect(callNext(day, context(day.dayStartsAt - 1))).toEqual(closed);
    expect(callNext(day, context(roomClosesAt(day)))).toEqual(closed);
    expect(unwrap(callNext(day, context(roomClosesAt(day) - 1))).token?.patientId).toBe('a');
  });
});

describe('recall and skip', () => {
  let day = book(morning(), [
    ['a', 'WALK_IN'],
    ['b', 'WALK_IN'],
  ]);
  day = arrive(day, ['a', 'b'], '08:30');
  day = call(day, '09:00').day;
  const a = tokenOf(day, 'a').id;

  it('announces the called patient again and counts it, nothing else', () => {
    const out = unwrap(recallToken(day, a, context(at('09:02'))));
    expect(out.events.map((e) => e.type)).toEqual(['TokenRecalled']);
    expect(out.token).toEqual({ ...tokenOf(day, 'a'), recalls: 1 });
  });

  it('sends a skipped patient back to the queue behind the others', () => {
    const out = unwrap(skipToken(day, a, context(at('09:03'))));
    expect(out.token).toMatchObject({
      status: 'CHECKED_IN',
      skips: 1,
      lastSkippedAt: at('09:03'),
      checkedInAt: at('08:30'),
    });
    expect(queueOf(out.day)).toEqual(['b', 'a']);
  });

  it('refuses both for a patient who is not in the room', () => {
    const b = tokenOf(day, 'b').id;
    const notCalled = {
      ok: false,
      error: { code: 'TOKEN_NOT_CALLED', tokenId: b, status: 'CHECKED_IN' },
    };
    expect(recallToken(day, b, context(at('09:02')))).toEqual(notCalled);
    expect(skipToken(day, b, context(at('09:02')))).toEqual(notCalled);
    expect(skipToken(day, 'nope', context(at('09:02')))).toEqual({
      ok: false,
      error: { code: 'TOKEN_NOT_FOUND', tokenId: 'nope' },
    });
  });

  it('refuses both after the midnight ending the day', () => {
    const late = context(roomClosesAt(day));
    expect(recallToken(day, a, late)).toMatchObject({ ok: false, error: { code: 'ROOM_CLOSED' } });
    expect(skipToken(day, a, late)).toMatchObject({ ok: false, error: { code: 'ROOM_CLOSED' } });
  });
});

describe('completing and letting go of a called patient', () => {
  let day = book(morning(), [
    ['a', 'WALK_IN'],
    ['b', 'WALK_IN'],
  ]);
  day = arrive(day, ['a', 'b'], '08:30');
  day = call(day, '09:00').day;
  const a = tokenOf(day, 'a').id;

  it('completes from CALLED, keeping the call time, and frees the room for the next call', () => {
    const done = unwrap(completeToken(day, a, context(at('09:07'))));
    expect(done.token).toMatchObject({
      status: 'COMPLETED',
      calledAt: at('09:00'),
      completedAt: at('09:07'),
    });
    expect(call(done.day, '09:08').token?.patientId).toBe('b');
  });

  it('still completes straight from CHECKED_IN for rooms that do not call', () => {
    const b = tokenOf(day, 'b').id;
    expect(unwrap(completeToken(day, b, context(at('09:07')))).token.status).toBe('COMPLETED');
  });

  it('does not complete after the midnight ending the day: the patient counts as not seen', () => {
    expect(completeToken(day, a, context(roomClosesAt(day)))).toMatchObject({
      ok: false,
      error: { code: 'ROOM_CLOSED' },
    });
  });

  it('does not check in again a patient who is in the room', () => {
    expect(checkInToken(day, a, context(at('09:05')))).toEqual({
      ok: false,
      error: { code: 'INVALID_TRANSITION', subject: 'TOKEN', from: 'CALLED', to: 'CHECKED_IN' },
    });
  });

  it('does not cancel a patient who is in the room', () => {
    expect(cancelToken(day, a, 'left', context(at('09:05')))).toEqual({
      ok: false,
      error: { code: 'INVALID_TRANSITION', subject: 'TOKEN', from: 'CALLED', to: 'CANCELLED' },
    });
  });

  it('never lets an emergency displace a patient called ahead of their slot', () => {
    let full = book(buildDay([session('09:00', '09:30', 30, 1)]), [['w', 'WALK_IN']]);
    full = arrive(full, ['w'], '08:20');
    full = call(full, '08:25').day;
    const out = unwrap(
      requestToken(full, { patientId: 'e', source: 'EMERGENCY' }, context(at('08:26'), ids('e'))),
    );
    expect(out.kind).toBe('WAITLISTED');
  });
});

describe('a patient skipped twice', () => {
  let day = book(morning(), [
    ['a', 'WALK_IN'],
    ['b', 'WALK_IN'],
    ['c', 'WALK_IN'],
    ['d', 'WALK_IN'],
    ['e', 'WALK_IN'],
  ]);
  day = arrive(day, ['a'], '08:30');
  const once = skip(call(day, '09:00').day, 'a', '09:01');
  const twice = skip(call(once, '09:10').day, 'a', '09:11');
  const a = tokenOf(day, 'a').id;

  it('may be marked NO_SHOW at once, and their place goes to the waitlist', () => {
    const out = unwrap(markNoShow(twice, a, context(at('09:12'), ids('n'))));
    expect(out.token).toMatchObject({ status: 'NO_SHOW', noShowAt: at('09:12'), skips: 2 });
    expect(out.promoted.map((t) => t.patientId)).toEqual(['e']);
  });

  it('may not be marked NO_SHOW after only one skip', () => {
    expect(markNoShow(once, a, context(at('09:30')))).toEqual({
      ok: false,
      error: { code: 'INVALID_TRANSITION', subject: 'TOKEN', from: 'CHECKED_IN', to: 'NO_SHOW' },
    });
  });

  it('is never marked NO_SHOW by the sweeper', () => {
    expect(sweepDoctorDay(twice, context(at('09:45'))).noShows.map((t) => t.patientId)).toEqual([
      'b',
      'c',
      'd',
    ]);
  });
});
