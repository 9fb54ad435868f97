import { describe, expect, it } from '@jest/globals';
import { Random, poissonArrivals } from './random.js';

describe('the seeded random source', () => {
  it('replays the same sequence for the same seed', () => {
    const a = new Random(42);
    const b = new Random(42);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(
      Array.from({ length: 5 }, () => b.next()),
    );
  });

  it('draws Poisson arrivals at about the asked rate', () => {
    const arrivals = poissonArrivals(new Random(7), 2, 10_000);
    expect(arrivals.length / 10_000).toBeGreaterThan(1.9);
    expect(arrivals.length / 10_000).toBeLessThan(2.1);
    expect(arrivals.every((t, i) => i === 0 || t >= (arrivals[i - 1] ?? 0))).toBe(true);
  });

  it('draws by weight', () => {
    const random = new Random(1);
    const draws = Array.from({ length: 10_000 }, () =>
      random.weighted([
        ['rare', 0.03],
        ['common', 0.97],
      ] as const),
    );
    const rare = draws.filter((d) => d === 'rare').length / draws.length;
    expect(rare).toBeGreaterThan(0.02);
    expect(rare).toBeLessThan(0.04);
  });
});
