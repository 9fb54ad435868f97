import { describe, expect, it } from '@jest/globals';
import { DoctorDayQueue } from './doctor-day-queue.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('the doctor-day queue', () => {
  it('lets requests for one doctor-day take turns, in arrival order', async () => {
    const queue = new DoctorDayQueue();
    const order: string[] = [];
    const signal = new AbortController().signal;
    const job = (name: string) => async () => {
      order.push(`${name} start`);
      await tick();
      order.push(`${name} end`);
    };
    await Promise.all([queue.run('day', signal, job('a')), queue.run('day', signal, job('b'))]);
    expect(order).toEqual(['a start', 'a end', 'b start', 'b end']);
  });

  it('lets different doctor-days run side by side', async () => {
    const queue = new DoctorDayQueue();
    const order: string[] = [];
    const signal = new AbortController().signal;
    const job = (name: string) => async () => {
      order.push(`${name} start`);
      await tick();
      order.push(`${name} end`);
    };
    await Promise.all([queue.run('x', signal, job('x')), queue.run('y', signal, job('y'))]);
    expect(order.slice(0, 2).sort()).toEqual(['x start', 'y start']);
  });

  it('gives up on a caller who leaves while waiting, and keeps the line moving', async () => {
    const queue = new DoctorDayQueue();
    const controller = new AbortController();
    const never = new AbortController().signal;
    let releaseFirst!: () => void;
    const first = queue.run(
      'day',
      never,
      () => new Promise<void>((resolve) => (releaseFirst = resolve)),
    );
    const leaving = queue.run('day', controller.signal, async () => 'ran');
    controller.abort();
    await expect(leaving).rejects.toThrow(/cancelled/);
    const third = queue.run('day', never, async () => 'third ran');
    releaseFirst();
    await first;
    await expect(third).resolves.toBe('third ran');
  });
});
