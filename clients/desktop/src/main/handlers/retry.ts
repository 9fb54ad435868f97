// Retries of calls that certainly or safely did nothing: UNAVAILABLE (the channel is between
// reconnects) and ABORTED (the doctor-day stayed busy). Mutations are retried with the SAME
// request_id, so the service answers the original result if the first attempt went through.
import { status } from '@grpc/grpc-js';

const RETRIED = new Set<number>([status.UNAVAILABLE, status.ABORTED]);

const codeOf = (error: unknown): number | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number'
    ? error.code
    : undefined;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `call` up to `delaysMs.length + 1` times, waiting the given delays in between. */
export async function withRetry<T>(
  call: () => Promise<T>,
  delaysMs: readonly number[] = [150, 600],
): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const delay = delaysMs[attempt];
      const code = codeOf(error);
      if (delay === undefined || code === undefined || !RETRIED.has(code)) throw error;
      await sleep(delay);
    }
  }
}
