import { describe, expect, it } from '@jest/globals';
import { MarkQueue } from './mark-queue.js';
import { collectingLogger } from './testing/outbox-fixtures.js';

const settings = { delayMs: 20, maxBatch: 3, backoff: { initialMs: 5, maxMs: 10 } };
const at = new Date(0);

function queue(write: (ids: readonly string[]) => Promise<void>) {
  return new MarkQueue((ids) => write(ids), settings, collectingLogger());
}

describe('the mark queue', () => {
  it('writes the marks of a moment together, and a full batch at once', async () => {
    const batches: string[][] = [];
    const marks = queue(async (ids) => {
      batches.push([...ids]);
    });
    const started = Date.now();
    await Promise.all(['a', 'b'].map((id) => marks.add(id, at)));
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    await Promise.all(['c', 'd', 'e', 'f'].map((id) => marks.add(id, at)));
    expect(batches).toEqual([['a', 'b'], ['c', 'd', 'e'], ['f']]);
  });

  it('retries a failed write until it succeeds, and flush() writes without waiting', async () => {
    let failures = 2;
    const written: string[] = [];
    const marks = queue(async (ids) => {
      if (failures-- > 0) throw new Error('database away');
      written.push(...ids);
    });
    const done = marks.add('a', at);
    await marks.flush();
    await done;
    expect(written).toEqual(['a']);
    expect(marks.pending).toBe(0);
  });

  it('gives up at stop on marks it cannot write, and takes no more', async () => {
    const marks = queue(() => Promise.reject(new Error('database away')));
    const lost = marks.add('a', at);
    const outcome = lost.then(
      () => 'written',
      () => 'failed',
    );
    await marks.stop();
    expect(await outcome).toBe('failed');
    await expect(marks.add('b', at)).rejects.toThrow('stopping');
  });
});
