import { describe, expect, it } from '@jest/globals';
import { BatchLanes } from './batch-lanes.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('batch lanes', () => {
  it("hands one doctor-day's items over in order, batching what queued up meanwhile", async () => {
    const seen: string[][] = [];
    const lanes = new BatchLanes<string>({
      lanes: 2,
      inHand: 100,
      maxBatch: 10,
      run: async (batch) => {
        seen.push(batch);
        await tick();
      },
    });
    for (let i = 1; i <= 25; i++) await lanes.dispatch('day-a', `a${i}`);
    await lanes.idle();

    expect(seen.flat()).toEqual(Array.from({ length: 25 }, (_, i) => `a${i + 1}`));
    expect(seen[0]).toEqual(['a1']);
    expect(Math.max(...seen.map((b) => b.length))).toBe(10);
  });

  it('keeps no more than inHand items and lets other lanes go on beside a slow one', async () => {
    let release: () => void = () => undefined;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const done: string[] = [];
    const lanes = new BatchLanes<string>({
      lanes: 64,
      inHand: 3,
      maxBatch: 10,
      run: async (batch) => {
        if (batch.includes('slow')) await blocked;
        done.push(...batch);
      },
    });
    await lanes.dispatch('slow-day', 'slow');
    await lanes.dispatch('day-1', 'one');
    await lanes.dispatch('day-2', 'two');
    await tick();
    expect(done.sort()).toEqual(['one', 'two']);
    expect(lanes.active).toBe(1);

    release();
    await lanes.idle();
    expect(lanes.active).toBe(0);
    expect(done).toContain('slow');
  });
});
