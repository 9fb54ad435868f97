import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { rateLimited } from './key-rate-limit.js';

/**
 * Holds off a client address that presents too many wrong keys: after `perMinute` failures in a
 * minute, every call from that address is refused for a minute (RESOURCE_EXHAUSTED
 * RATE_LIMITED) before its key is even looked at, so keys cannot be guessed at network speed.
 */
export class AuthFailureThrottle {
  readonly #failures: RateLimiterMemory;

  constructor(readonly perMinute: number) {
    this.#failures = new RateLimiterMemory({
      keyPrefix: 'auth',
      points: perMinute,
      duration: 60,
      blockDuration: 60,
    });
  }

  /** Throws RATE_LIMITED while `address` is held off. */
  async check(address: string): Promise<void> {
    const record = await this.#failures.get(address);
    if (record !== null && record.consumedPoints > this.perMinute) {
      throw rateLimited(
        `too many calls with a wrong API key from this address`,
        record.msBeforeNext,
      );
    }
  }

  /** Counts one wrong key from `address`. */
  async failed(address: string): Promise<void> {
    await this.#failures.consume(address).catch((refusal: unknown) => {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
    });
  }

  /** Addresses held off right now (for /healthz and metrics). */
  async heldOff(): Promise<number> {
    const { storage } = this.#failures.dump();
    const now = Date.now();
    return storage.filter(
      (entry) =>
        entry.value > this.perMinute && (entry.expiresAt === null || entry.expiresAt > now),
    ).length;
  }
}
