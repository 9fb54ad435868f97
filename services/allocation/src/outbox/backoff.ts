/** Capped exponential backoff: initial, 2×, 4×, … up to max, with up to 20 % jitter. */
export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 100, maxMs: 5_000 };

/** The delay before retry number `attempt` (1 = the first retry). */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random = Math.random): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const base = Math.min(policy.initialMs * 2 ** exponent, policy.maxMs);
  return Math.round(base * (0.8 + 0.2 * random()));
}

/**
 * A sleep that can be cut short. `wake` rings it for ordinary reasons (new events were
 * committed) and `interrupt` for urgent ones (stopping, the broker came back). A backoff
 * sleep listens only to urgent rings, so commits during an outage do not hammer the broker.
 * A ring that arrives while nobody sleeps is remembered for the next sleep.
 */
export class Alarm {
  #woken = false;
  #interrupted = false;
  #waiter: { readonly acceptWake: boolean; readonly resolve: () => void } | undefined;

  wake(): void {
    this.#woken = true;
    if (this.#waiter?.acceptWake) this.#waiter.resolve();
  }

  interrupt(): void {
    this.#interrupted = true;
    this.#waiter?.resolve();
  }

  /** True once, if a wake rang since the last sleep that accepted wakes. */
  takeWake(): boolean {
    const woken = this.#woken;
    this.#woken = false;
    return woken;
  }

  sleep(ms: number, options: { acceptWake: boolean }): Promise<void> {
    if (this.#interrupted || (options.acceptWake && this.#woken)) {
      this.#reset(options.acceptWake);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#waiter = undefined;
        this.#reset(options.acceptWake);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#waiter = { acceptWake: options.acceptWake, resolve: done };
    });
  }

  #reset(acceptWake: boolean): void {
    this.#interrupted = false;
    if (acceptWake) this.#woken = false;
  }
}
