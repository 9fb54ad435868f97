import { Alarm, backoffDelay, type BackoffPolicy } from './backoff.js';
import { describeError, type RelayLogger } from './logger.js';

export interface MarkQueueSettings {
  /** How long a mark may wait for others to share its statement. */
  readonly delayMs: number;
  /** Marks written by one statement at most (more are written at once). */
  readonly maxBatch: number;
  /** Between attempts while writing fails. */
  readonly backoff: BackoffPolicy;
}

interface Mark {
  readonly id: string;
  readonly acknowledgedAt: Date;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Marks acknowledged events published, a few at a time: a mark waits up to `delayMs` for the
 * marks of other events and days to share its statement, so an event costs a fraction of a
 * round trip instead of one. Each row gets the moment JetStream acknowledged it, not the
 * moment of the statement. Writing is retried (with backoff) until it succeeds, so an event
 * acknowledged in this process is marked while it lives; nothing waits on a mark to publish
 * the day's next event (the relay reads after the sequences it knows are acknowledged), only
 * the claim's release waits, so the next holder reads after the marks. Marks not written when
 * the relay stops are lost: the events are published again and JetStream drops them as copies.
 */
export class MarkQueue {
  readonly #write: (ids: readonly string[], at: readonly Date[]) => Promise<void>;
  readonly #settings: MarkQueueSettings;
  readonly #logger: RelayLogger;
  readonly #alarm = new Alarm();
  #queue: Mark[] = [];
  #writing: Promise<void> | undefined;
  #stopping = false;

  constructor(
    write: (ids: readonly string[], at: readonly Date[]) => Promise<void>,
    settings: MarkQueueSettings,
    logger: RelayLogger,
  ) {
    this.#write = write;
    this.#settings = settings;
    this.#logger = logger;
  }

  /** Marks of acknowledged events waiting to be written. */
  get pending(): number {
    return this.#queue.length;
  }

  /** Queues an acknowledged event's mark; resolves once it is written. */
  add(id: string, acknowledgedAt: Date): Promise<void> {
    if (this.#stopping) return Promise.reject(new Error('the outbox relay is stopping'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ id, acknowledgedAt, resolve, reject });
      if (this.#queue.length >= this.#settings.maxBatch) this.#alarm.interrupt();
      this.#writing ??= this.#run();
    });
  }

  /** Writes what is queued now, without waiting; resolves once everything queued is written. */
  async flush(): Promise<void> {
    while (this.#writing) {
      this.#alarm.interrupt();
      await this.#writing;
    }
  }

  /** Writes what is queued (one attempt per batch), then fails what could not be written. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await this.flush();
  }

  async #run(): Promise<void> {
    const { delayMs, maxBatch, backoff } = this.#settings;
    try {
      // Let the marks of the next moments join this one.
      await this.#alarm.sleep(delayMs, { acceptWake: false });
      for (let failures = 0; this.#queue.length > 0;) {
        const batch = this.#queue.splice(0, maxBatch);
        try {
          await this.#write(
            batch.map((m) => m.id),
            batch.map((m) => m.acknowledgedAt),
          );
          failures = 0;
          for (const mark of batch) mark.resolve();
        } catch (error) {
          failures += 1;
          if (this.#stopping) {
            this.#logger.warn(
              { err: describeError(error), marks: batch.length },
              'marking events published failed at stop; they will be published again and dropped as copies',
            );
            for (const mark of batch) mark.reject(error);
            continue;
          }
          this.#queue = [...batch, ...this.#queue];
          const retryInMs = backoffDelay(backoff, failures);
          this.#logger.warn(
            { err: describeError(error), marks: this.#queue.length, retryInMs },
            'marking events published failed; retrying',
          );
          await this.#alarm.sleep(retryInMs, { acceptWake: false });
        }
        if (this.#queue.length > 0 && this.#queue.length < maxBatch && !this.#stopping) {
          await this.#alarm.sleep(delayMs, { acceptWake: false });
        }
      }
    } finally {
      this.#writing = undefined;
      // A mark queued after the loop saw an empty queue.
      if (this.#queue.length > 0) this.#writing = this.#run();
    }
  }
}
