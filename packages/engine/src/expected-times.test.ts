import { describe, expect, it } from '@jest/globals';
import { completeToken } from './lifecycle.js';
import { consultationMinutes, consultationMinutesOf, expectedCallTimes } from './expected-times.js';
import { callNext, skipToken } from './room.js';
import {
  arrive,
  at,
  book,
  buildDay,
  context,
  session,
  tokenOf,
  unwrap,
} from './testing/day-builder.js';

const day = buildDay([session('09:00', '10:00', 30, 6), session('10:00', '11:00', 20, 2)]);

describe("a doctor's consultation time", () => {
  it('is the median of the latest 20, the mean of the middle two for an even count', () => {
    expect(consultationMinutes([4, 6, 7, 9, 12], day, at('09:00'))).toBe(7);
    expect(consultationMinutes([4, 6, 7, 9, 12, 15], day, at('09:00'))).toBe(8);
    const older = Array.from({ length: 10 }, () => 29);
    const latest = Array.from({ length: 20 }, (_, i) => 3 + (i % 3)); // 3, 4, 5, …
    expect(consultationMinutes([...older, ...latest], day, at('09:00'))).toBe(4);
  });

  it('is bounded to 2–30 minutes', () => {
    expect(consultationMinutes([0.5, 1, 1, 1, 1], day, at('09:00'))).toBe(2);
    expect(consultationMinutes([40, 45, 50, 60, 90], day, at('09:00'))).toBe(30);
  });

  it("before 5 are known, is the current or next slot's length over its capacity", () => {
    expect(consultationMinutes([20, 20, 20, 20], day, at('08:00'))).toBe(5); // next: 30 / 6
    expect(consultationMinutes([], day, at('09:40'))).toBe(5); // current: 30 / 6
    expect(consultationMinutes([], day, at('10:05'))).toBe(10); // current: 20 / 2
    expect(consultationMinutes([], day, at('12:00'))).toBe(10); // the day is over: its last slot
    const crowded = buildDay([session('09:00', '09:30', 30, 30)]);
    expect(consultationMinutes([], crowded, at('09:00'))).toBe(2); // 1 minute, bounded
  });

  it('is learned only from consultations the room called in', () => {
    let d = book(day, [
      ['a', 'WALK_IN'],
      ['b', 'WALK_IN'],
    ]);
    d = arrive(d, ['a', 'b'], '08:50');
    d = unwrap(callNext(d, context(at('09:00')))).day;
    d = unwrap(completeToken(d, tokenOf(d, 'a').id, context(at('09:07')))).day;
    d = unwrap(completeToken(d, tokenOf(d, 'b').id, context(at('09:08')))).day;
    expect(consultationMinutesOf(tokenOf(d, 'a'))).toBe(7);
    expect(consultationMinutesOf(tokenOf(d, 'b'))).toBeUndefined();
  });
});

describe('expected call times', () => {
  let d = book(day, [
    ['a', 'WALK_IN'],
    ['b', 'WALK_IN'],
    ['c', 'WALK_IN'],
    ['d', 'WALK_IN'],
  ]);
  d = arrive(d, ['a', 'b', 'c'], '08:50');

  it('are the slot start for the booked, and the queue place times the consultation after now', () => {
    const times = expectedCallTimes(d, at('08:55'), 6);
    expect(times.get(tokenOf(d, 'd').id)).toEqual({ expectedCallAt: at('09:00') });
    expect(times.get(tokenOf(d, 'a').id)).toEqual({ queuePlace: 1, expectedCallAt: at('08:55') });
    expect(times.get(tokenOf(d, 'c').id)).toEqual({ queuePlace: 3, expectedCallAt: at('09:07') });
  });

  it('count the patient in the room, and never lie in the past for the booked', () => {
    const called = unwrap(callNext(d, context(at('09:00')))).day;
    const times = expectedCallTimes(called, at('09:20'), 6);
    expect(times.has(tokenOf(called, 'a').id)).toBe(false);
    expect(times.get(tokenOf(called, 'b').id)).toEqual({
      queuePlace: 1,
      expectedCallAt: at('09:26'),
    });
    expect(times.get(tokenOf(called, 'd').id)).toEqual({ expectedCallAt: at('09:20') });
  });

  it('put a skipped patient at the back', () => {
    let skipped = unwrap(callNext(d, context(at('09:00')))).day;
    skipped = unwrap(skipToken(skipped, tokenOf(skipped, 'a').id, context(at('09:01')))).day;
    const times = expectedCallTimes(skipped, at('09:01'), 7.5);
    expect(times.get(tokenOf(skipped, 'a').id)).toEqual({
      queuePlace: 3,
      expectedCallAt: at('09:16'),
    });
  });
});
