import { describe, expect, it } from '@jest/globals';
import { gapDelayMs, gapWaitedMs, holdMs, retryDelayMs } from './retry-policy.js';

describe('retrying events', () => {
  it('tries a failing event again after a quarter of a second, then less and less often', () => {
    expect([1, 2, 3, 4, 5, 6, 30].map(retryDelayMs)).toEqual([
      250, 500, 1_000, 2_000, 4_000, 5_000, 5_000,
    ]);
  });

  it('offers an early event again soon, since its predecessor is usually just behind', () => {
    expect([1, 2, 3, 6, 7, 100].map(gapDelayMs)).toEqual([50, 100, 200, 1_600, 2_000, 2_000]);
  });

  it('adds up how long an early event has waited', () => {
    expect(gapWaitedMs(1)).toBe(0);
    expect(gapWaitedMs(3)).toBe(150);
    expect(gapWaitedMs(10)).toBe(50 + 100 + 200 + 400 + 800 + 1_600 + 2_000 + 2_000 + 2_000);
    expect(gapWaitedMs(3, 1_000)).toBe(2_150);
  });

  it('holds an early event for a moment: a second at most, less when the limits are tight', () => {
    expect(holdMs({ maxApplyAttempts: 5, gapWaitMs: 300_000 }, 30_000)).toBe(1_000);
    expect(holdMs({ maxApplyAttempts: 5, gapWaitMs: 400 }, 30_000)).toBe(100);
    expect(holdMs({ maxApplyAttempts: 5, gapWaitMs: 300_000 }, 1_000)).toBe(500);
  });
});
