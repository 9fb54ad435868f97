import { describe, expect, it } from '@jest/globals';
import { deadlineOf, remainingMs, withDeadline } from './deadline.js';

describe('deadlines', () => {
  it('counts the milliseconds left, never below zero', () => {
    const deadline = new Date(10_000);

    expect(remainingMs(deadline, 9_250)).toBe(750);
    expect(remainingMs(deadline, 12_000)).toBe(0);
    expect(remainingMs(undefined, 9_250)).toBeUndefined();
  });

  it('sets a client deadline that many milliseconds from now, keeping other options', () => {
    expect(withDeadline(2_000, { propagate_flags: 1 }, 1_000)).toEqual({
      propagate_flags: 1,
      deadline: new Date(3_000),
    });
  });

  it('reads a server call deadline, treating Infinity as none', () => {
    expect(deadlineOf({ getDeadline: () => Infinity })).toBeUndefined();
    expect(deadlineOf({ getDeadline: () => 5_000 })).toEqual(new Date(5_000));
    expect(deadlineOf({ getDeadline: () => new Date(5_000) })).toEqual(new Date(5_000));
  });
});
