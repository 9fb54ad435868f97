import { describe, expect, it } from '@jest/globals';
import { Alarm, backoffDelay } from './backoff.js';

const policy = { initialMs: 100, maxMs: 5_000 };

describe('backoff', () => {
  it('doubles from 100 ms and stops growing at 5 s', () => {
    const noJitter = (): number => 1;
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => backoffDelay(policy, n, noJitter))).toEqual([
      100, 200, 400, 800, 1_600, 3_200, 5_000, 5_000,
    ]);
  });

  it('jitters by at most a fifth downwards', () => {
    expect(backoffDelay(policy, 1, () => 0)).toBe(80);
  });

  it('remembers a wake that rang while nobody slept, but a backoff sleep ignores it', async () => {
    const alarm = new Alarm();
    alarm.wake();
    const started = Date.now();
    await alarm.sleep(10_000, { acceptWake: true });
    expect(Date.now() - started).toBeLessThan(1_000);

    alarm.wake();
    const backoff = alarm.sleep(50, { acceptWake: false });
    alarm.wake();
    const before = Date.now();
    await backoff;
    expect(Date.now() - before).toBeGreaterThanOrEqual(40);
    expect(alarm.takeWake()).toBe(true);
  });

  it('is cut short by an interrupt whatever kind of sleep it is', async () => {
    const alarm = new Alarm();
    const sleeping = alarm.sleep(10_000, { acceptWake: false });
    alarm.interrupt();
    await sleeping;
  });
});
