import { describe, expect, it } from '@jest/globals';
import { DoctorDayMemory } from './doctor-day-memory.js';

describe('DoctorDayMemory', () => {
  it('keeps the highest published sequence of each day', () => {
    const memory = new DoctorDayMemory(10);
    expect(memory.published('a')).toBe(0);
    memory.publishedUpTo('a', 5);
    memory.publishedUpTo('a', 3);
    memory.publishedUpTo('b', 0);
    expect(memory.published('a')).toBe(5);
    expect(memory.published('b')).toBe(0);
  });

  it('remembers for a while that another relay held a day', () => {
    const memory = new DoctorDayMemory(10);
    memory.heldElsewhere('a', 1_000);
    expect(memory.isHeldElsewhere('a', 999)).toBe(true);
    expect(memory.isHeldElsewhere('a', 1_000)).toBe(false);
    memory.heldElsewhere('a', 2_000);
    memory.claimedHere('a');
    expect(memory.isHeldElsewhere('a', 1_500)).toBe(false);
  });

  it('forgets the least recently used days beyond its bound', () => {
    const memory = new DoctorDayMemory(2);
    memory.publishedUpTo('a', 1);
    memory.publishedUpTo('b', 1);
    memory.published('a');
    memory.publishedUpTo('c', 1);
    expect(memory.published('a')).toBe(1);
    expect(memory.published('b')).toBe(0);
    expect(memory.published('c')).toBe(1);
  });
});
