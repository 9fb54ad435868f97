import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { isRefusal } from './errors.js';

const ATTEMPTS = 3;

/**
 * Runs a mutation with one idempotency key, retrying with the SAME key when the service says
 * the doctor-day stayed busy (ABORTED): a retry can never apply the change twice.
 */
export async function mutate<T>(call: (requestId: string) => Promise<T>): Promise<T> {
  const requestId = randomUUID();
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(requestId);
    } catch (error) {
      if (attempt >= ATTEMPTS || !isRefusal(error, grpc.status.ABORTED)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
