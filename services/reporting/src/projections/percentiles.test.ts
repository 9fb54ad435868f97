import { describe, expect, it } from '@jest/globals';
import { median, nearestRank } from './percentiles.js';

describe('the middle of a day of consultations', () => {
  it('is the middle one for an odd count and the mean of the two middle ones for an even count', () => {
    expect(median([10, 22, 41, 45, 48])).toBe(41);
    expect(median([7, 9, 12, 15])).toBe(10.5);
    expect(median([4])).toBe(4);
    expect(median([])).toBeUndefined();
  });
});

describe('the 90th percentile of a day of waits', () => {
  it('is the value at the nearest rank, one of the values themselves', () => {
    expect(nearestRank([7, 9, 12, 15], 90)).toBe(15); // rank ⌈3.6⌉ = 4
    expect(nearestRank([8, 10, 15], 90)).toBe(15); // rank ⌈2.7⌉ = 3
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9); // rank 9 exactly
    expect(nearestRank([5], 90)).toBe(5);
    expect(nearestRank([], 90)).toBeUndefined();
  });
});
