import { describe, expect, it } from '@jest/globals';
import { Batcher } from './batcher.js';

describe('the batcher', () => {
  it('sends what arrives while a batch runs as the next batch, answering each request', async () => {
    const batches: number[][] = [];
    const batcher = new Batcher<number, number>(async (inputs) => {
      batches.push([...inputs]);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return inputs.map((n) => n * 10);
    });
    const first = batcher.submit(1);
    await new Promise((resolve) => setTimeout(resolve, 1));
    const rest = [2, 3, 4].map((n) => batcher.submit(n));

    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('fails every request of a failed batch and goes on with the next', async () => {
    let calls = 0;
    const batcher = new Batcher<string, string>(async (inputs) => {
      if (calls++ === 0) throw new Error('database away');
      return inputs.map((s) => s.toUpperCase());
    });
    const failed = [batcher.submit('a'), batcher.submit('b')];
    await expect(Promise.all(failed)).rejects.toThrow('database away');
    expect(await batcher.submit('c')).toBe('C');
  });
});
