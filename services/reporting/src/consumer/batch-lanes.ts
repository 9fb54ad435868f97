/**
 * Runs work in batches on a fixed number of lanes: items with the same key (a doctor-day) always
 * go to the same lane, so they are handled one batch after another in the order given, while
 * the lanes run side by side. A lane takes everything queued on it when it is free (at most
 * `maxBatch`), so under load batches grow by themselves and when quiet an item goes at once.
 * At most `inHand` items are queued or running in all.
 */
export class BatchLanes<T> {
  readonly #inHand: number;
  readonly #maxBatch: number;
  readonly #run: (batch: T[]) => Promise<void>;
  readonly #queues: T[][];
  readonly #running: (Promise<void> | undefined)[];
  readonly #room: (() => void)[] = [];
  #active = 0;

  constructor(options: {
    readonly lanes: number;
    readonly inHand: number;
    readonly maxBatch: number;
    /** Handles one batch; must not throw (a throw is swallowed and the lane goes on). */
    readonly run: (batch: T[]) => Promise<void>;
  }) {
    if (!(options.lanes >= 1 && options.maxBatch >= 1 && options.inHand >= 1)) {
      throw new Error('batch lanes need at least one lane, one item in hand and one per batch');
    }
    this.#inHand = options.inHand;
    this.#maxBatch = options.maxBatch;
    this.#run = options.run;
    this.#queues = Array.from({ length: options.lanes }, () => []);
    this.#running = Array.from({ length: options.lanes }, () => undefined);
  }

  /** How many items are queued or running. */
  get active(): number {
    return this.#active;
  }

  /** Queues `item` on its key's lane. Resolves as soon as there is room for another item. */
  async dispatch(key: string, item: T): Promise<void> {
    while (this.#active >= this.#inHand) {
      await new Promise<void>((resolve) => this.#room.push(resolve));
    }
    this.#active += 1;
    const lane = laneOf(key, this.#queues.length);
    this.#queues[lane]?.push(item);
    this.#running[lane] ??= this.#drain(lane);
  }

  /** Resolves once every item given so far has been handled. */
  async idle(): Promise<void> {
    while (this.#running.some((r) => r !== undefined)) {
      await Promise.all(this.#running);
    }
  }

  async #drain(lane: number): Promise<void> {
    const queue = this.#queues[lane] as T[];
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, this.#maxBatch);
        try {
          await this.#run(batch);
        } catch {
          // The runner handles its own failures; a lane never stops.
        }
        this.#active -= batch.length;
        for (let i = 0; i < batch.length; i++) this.#room.shift()?.();
      }
    } finally {
      this.#running[lane] = undefined;
    }
  }
}

/** FNV-1a: the same key always lands on the same lane, keys spread evenly. */
function laneOf(key: string, lanes: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % lanes;
}
