import { describe, expect, it } from '@jest/globals';
import { Lanes } from './lanes.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('lanes of doctor-days', () => {
  it("keep one doctor-day's events in order while other days go side by side", async () => {
    const lanes = new Lanes({ inHand: 10, running: 4 });
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await tick(ms);
      log.push(`end ${name}`);
    };
    await lanes.dispatch('day-a', task('a1', 30));
    await lanes.dispatch('day-a', task('a2', 1));
    await lanes.dispatch('day-b', task('b1', 1));
    await lanes.idle();

    expect(log.indexOf('end a1')).toBeLessThan(log.indexOf('start a2'));
    expect(log.indexOf('end b1')).toBeLessThan(log.indexOf('end a1'));
  });

  it('hold back the next event once the limit of work in hand is reached', async () => {
    const lanes = new Lanes({ inHand: 2, running: 2 });
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await lanes.dispatch('a', () => gate);
    await lanes.dispatch('b', () => gate);
    let third = false;
    const dispatched = lanes.dispatch('c', async () => undefined).then(() => (third = true));
    await tick(10);

    expect(third).toBe(false);
    release();
    await dispatched;
    await lanes.idle();
    expect(lanes.active).toBe(0);
  });

  it('apply only so many doctor-days at once, whatever is in hand', async () => {
    const lanes = new Lanes({ inHand: 10, running: 2 });
    let running = 0;
    let most = 0;
    for (const day of ['a', 'b', 'c', 'd', 'e']) {
      await lanes.dispatch(day, async () => {
        running += 1;
        most = Math.max(most, running);
        await tick(5);
        running -= 1;
      });
    }
    await lanes.idle();

    expect(most).toBe(2);
  });

  it('go on after a task fails', async () => {
    const lanes = new Lanes({ inHand: 1, running: 1 });
    const done: string[] = [];
    await lanes.dispatch('a', async () => {
      throw new Error('boom');
    });
    await lanes.dispatch('a', async () => void done.push('next'));
    await lanes.idle();

    expect(done).toEqual(['next']);
  });
});
