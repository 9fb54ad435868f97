import { ApiError } from '@opd/service-runtime';

/**
 * Requests for the same doctor-day take turns inside this process before they open a
 * transaction. The database lock stays the guarantee (other instances, other commands); this only
 * keeps a busy day's callers from each holding a pooled connection while they wait on one row
 * lock, which on a hot doctor-day starves the pool and lets lock waits time out.
 */
export class DoctorDayQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `work` after everything queued before it for `key`; gives up if `signal` aborts first. */
  async run<T>(key: string, signal: AbortSignal, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    try {
      await waitUnlessAborted(previous, signal);
      return await work();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

function waitUnlessAborted(turn: Promise<unknown>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(aborted(signal));
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(aborted(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    turn.then(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
    );
  });
}

const aborted = (signal: AbortSignal): ApiError =>
  signal.reason instanceof ApiError
    ? signal.reason
    : new ApiError('CANCELLED', 'the call was cancelled');
