import { describe, expect, it } from '@jest/globals';
import { Timeline } from './timeline.js';

describe('the simulation agenda', () => {
  it('gives actions back by simulated minute, equal minutes in the order scheduled', () => {
    const timeline = new Timeline<{ at: number; name: string }>();
    for (const [at, name] of [
      [5, 'e'],
      [1, 'a'],
      [3, 'c1'],
      [3, 'c2'],
      [2, 'b'],
      [3, 'c3'],
    ] as const) {
      timeline.push({ at, name });
    }
    const order: string[] = [];
    for (let next = timeline.pop(); next; next = timeline.pop()) order.push(next.name);
    expect(order).toEqual(['a', 'b', 'c1', 'c2', 'c3', 'e']);
  });
});
