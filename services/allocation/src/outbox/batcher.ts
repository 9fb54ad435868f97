/**
 * Gathers single requests into one round trip: requests made while a batch runs wait for it,
 * then go together as the next batch, so under load each round trip carries many requests and
 * when quiet a request goes at once. One batch at a time; a failed batch fails each of its
 * requests.
 */
export class Batcher<I, O> {
  readonly #run: (inputs: readonly I[]) => Promise<readonly O[]>;
  readonly #maxBatch: number;
  #queue: { input: I; resolve: (output: O) => void; reject: (error: unknown) => void }[] = [];
  #running: Promise<void> | undefined;

  /** `run` answers each input, in order. */
  constructor(run: (inputs: readonly I[]) => Promise<readonly O[]>, maxBatch = 500) {
    this.#run = run;
    this.#maxBatch = maxBatch;
  }

  submit(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.#queue.push({ input, resolve, reject });
      this.#running ??= this.#drain();
    });
  }

  /** Resolves once every request made so far is answered. */
  async settled(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async #drain(): Promise<void> {
    // Let the requests of the current moment join the first batch.
    await Promise.resolve();
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, this.#maxBatch);
        try {
          const outputs = await this.#run(batch.map((r) => r.input));
          batch.forEach((r, i) => r.resolve(outputs[i] as O));
        } catch (error) {
          for (const r of batch) r.reject(error);
        }
      }
    } finally {
      this.#running = undefined;
    }
  }
}
