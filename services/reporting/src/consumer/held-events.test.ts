import { describe, expect, it } from '@jest/globals';
import { HeldEvents } from './held-events.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('events held back for a missing predecessor', () => {
  it('are handed over as soon as their predecessor is applied', () => {
    const released: string[] = [];
    const held = new HeldEvents<string>(1_000, (item) => released.push(item));
    held.hold('day-a', 3, 'event 3');

    expect(held.take('day-a', 2)).toBeUndefined();
    expect(held.take('day-a', 3)).toBe('event 3');
    expect(held.size).toBe(0);
    expect(released).toEqual([]);
  });

  it('go back to the stream when the predecessor is slow to come', async () => {
    const released: string[] = [];
    const held = new HeldEvents<string>(20, (item) => released.push(item));
    held.hold('day-a', 5, 'event 5');
    await tick(40);

    expect(released).toEqual(['event 5']);
    expect(held.take('day-a', 5)).toBeUndefined();
  });

  it('keep only the latest copy of the same event, handing the older back', () => {
    const released: string[] = [];
    const held = new HeldEvents<string>(1_000, (item) => released.push(item));
    held.hold('day-a', 4, 'first copy');
    held.hold('day-a', 4, 'second copy');

    expect(released).toEqual(['first copy']);
    expect(held.take('day-a', 4)).toBe('second copy');
  });

  it('are all handed back when the consumer stops', () => {
    const released: string[] = [];
    const held = new HeldEvents<string>(1_000, (item) => released.push(item));
    held.hold('day-a', 4, 'a4');
    held.hold('day-b', 9, 'b9');
    held.releaseAll();

    expect(released.sort()).toEqual(['a4', 'b9']);
    expect(held.size).toBe(0);
  });
});
