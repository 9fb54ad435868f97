import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ApiError } from './api-error.js';

/**
 * Calls per API key and second, so that one key holder cannot take the service from the rest.
 * A key over its rate is refused with RESOURCE_EXHAUSTED RATE_LIMITED and told when to retry.
 */
export class KeyRateLimit {
  readonly #limiter: RateLimiterMemory;

  constructor(readonly perSecond: number) {
    this.#limiter = new RateLimiterMemory({ keyPrefix: 'key', points: perSecond, duration: 1 });
  }

  /** Counts one call of `keyName`; throws RATE_LIMITED when the key is over its rate. */
  async admit(keyName: string): Promise<void> {
    try {
      await this.#limiter.consume(keyName);
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      throw rateLimited(
        `API key '${keyName}' made more than ${this.perSecond} calls in a second`,
        refusal.msBeforeNext,
      );
    }
  }
}

/** RESOURCE_EXHAUSTED RATE_LIMITED with RetryInfo and `retry_after_seconds`. */
export function rateLimited(message: string, retryAfterMs: number): ApiError {
  const ms = Math.max(1, Math.ceil(retryAfterMs));
  return new ApiError('RESOURCE_EXHAUSTED', `${message}; retry after ${ms} ms`, {
    reason: 'RATE_LIMITED',
    metadata: { retry_after_seconds: String(Math.ceil(ms / 1000)) },
    retryAfterMs: ms,
  });
}
