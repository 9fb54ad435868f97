import { describe, expect, it } from '@jest/globals';
import { createPriorityCalculator, DEFAULT_POLICY, priorityFromOrder } from './priority.js';
import { SOURCES } from './types.js';

describe('the priority calculator', () => {
  it('ranks emergency over paid over follow-up over walk-in over online by default', () => {
    const priority = createPriorityCalculator(DEFAULT_POLICY);
    const ranks = SOURCES.map((source) => priority({ source }));
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
    expect(new Set(ranks).size).toBe(SOURCES.length);
  });

  it('lets a deployment put follow-ups ahead of paid bookings', () => {
    const sourcePriority = priorityFromOrder([
      'EMERGENCY',
      'FOLLOW_UP',
      'PAID',
      'WALK_IN',
      'ONLINE',
    ]);
    const priority = createPriorityCalculator({ ...DEFAULT_POLICY, sourcePriority });
    expect(priority({ source: 'FOLLOW_UP' })).toBeGreaterThan(priority({ source: 'PAID' }));
  });

  it('refuses an order that leaves out or repeats a source', () => {
    expect(() => priorityFromOrder(['EMERGENCY', 'PAID'])).toThrow(/every source/);
    expect(() =>
      priorityFromOrder(['EMERGENCY', 'EMERGENCY', 'PAID', 'WALK_IN', 'ONLINE']),
    ).toThrow(/every source/);
  });
});
