/**
 * Runs tasks so that those with the same key (a doctor-day) run one after another in the order
 * they were given, and those with different keys run side by side: at most `running` at once,
 * with at most `inHand` queued or running in all. A doctor-day's events therefore reach the
 * database in stream order, while a busy day never holds up the others.
 */
export class Lanes {
  readonly #inHand: number;
  readonly #running: number;
  readonly #tails = new Map<string, Promise<void>>();
  readonly #room: (() => void)[] = [];
  readonly #turns: (() => void)[] = [];
  #active = 0;
  #busy = 0;

  constructor(limits: { readonly inHand: number; readonly running: number }) {
    if (!(limits.running >= 1 && limits.inHand >= limits.running)) {
      throw new Error('lanes need 1 ≤ running ≤ inHand');
    }
    this.#inHand = limits.inHand;
    this.#running = limits.running;
  }

  /** How many tasks are queued or running. */
  get active(): number {
    return this.#active;
  }

  /**
   * Queues `task` behind the earlier tasks of its key. Resolves as soon as there is room for
   * another task (not when this one finishes). A task's own failure is its business: it
   * must not throw, and if it does the lane goes on.
   */
  async dispatch(key: string, task: () => Promise<void>): Promise<void> {
    while (this.#active >= this.#inHand) {
      await new Promise<void>((resolve) => this.#room.push(resolve));
    }
    this.#active += 1;
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const run: Promise<void> = previous
      .then(() => this.#turn(task))
      .catch(() => undefined)
      .finally(() => {
        this.#active -= 1;
        if (this.#tails.get(key) === run) this.#tails.delete(key);
        this.#room.shift()?.();
      });
    this.#tails.set(key, run);
  }

  /** Resolves once every task given so far has finished. */
  async idle(): Promise<void> {
    while (this.#tails.size > 0) await Promise.all(this.#tails.values());
  }

  /** Runs the task once fewer than `running` others are running. */
  async #turn(task: () => Promise<void>): Promise<void> {
    while (this.#busy >= this.#running) {
      await new Promise<void>((resolve) => this.#turns.push(resolve));
    }
    this.#busy += 1;
    try {
      await task();
    } finally {
      this.#busy -= 1;
      this.#turns.shift()?.();
    }
  }
}
