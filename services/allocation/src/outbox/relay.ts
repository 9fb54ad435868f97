import pg from 'pg';
import { Alarm, backoffDelay } from './backoff.js';
import { Broker } from './broker.js';
import { EventPublisher } from './event-publisher.js';
import { describeError, type RelayLogger } from './logger.js';
import { OutboxListener } from './outbox-listener.js';
import { mapConcurrently } from './map-concurrently.js';
import { OutboxStore } from './outbox-store.js';
import {
  relaySettings,
  type OutboxRelayOptions,
  type OutboxRelayStats,
  type RelaySettings,
} from './relay-options.js';
import { ensureEventStream } from '@opd/event-stream';

interface RoundResult {
  readonly published: number;
  readonly failed: number;
  /** A batch was full or the candidate list was cut short: look again at once. */
  readonly more: boolean;
}

const CANDIDATE_LIMIT = 256;
const PURGE_BATCH_SIZE = 500;
const FIRST_PURGE_DELAY_MS = 60_000;

/**
 * Publishes the outbox to JetStream: at least once, in sequence order per doctor-day, with
 * JetStream dropping re-publishes by event id. Any number of instances may run at once: a
 * doctor-day is only ever published by the relay holding its transaction-scoped advisory
 * lock. All state is in the outbox table, so a restart loses nothing. See ADR 0006.
 */
export class OutboxRelay {
  readonly #settings: RelaySettings;
  readonly #logger: RelayLogger;
  readonly #pool: pg.Pool;
  readonly #store: OutboxStore;
  readonly #broker: Broker;
  readonly #publisher: EventPublisher;
  readonly #listener: OutboxListener | undefined;
  readonly #alarm = new Alarm();
  /** Doctor-days whose last publish failed, and when they may be tried again. */
  readonly #coolingDown = new Map<string, { until: number; failures: number }>();
  #streamReady = false;
  #running: Promise<void> | undefined;
  #exclusive: Promise<unknown> = Promise.resolve();
  #stopping = false;
  #stopped: Promise<void> | undefined;
  #purgeTimer: NodeJS.Timeout | undefined;
  #purging: Promise<unknown> = Promise.resolve();

  constructor(options: OutboxRelayOptions) {
    const settings = relaySettings(options);
    this.#settings = settings;
    this.#logger = options.logger;
    this.#pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: settings.concurrency + 1,
      application_name: 'opd-outbox-relay',
      // Safety nets: a transaction stays open only while its batch is being published.
      statement_timeout: 30_000,
      idle_in_transaction_session_timeout: 120_000,
    });
    // A connection that drops (database restart) must not crash the process: the pool reports
    // idle ones on itself, but leaves a checked-out one's 'error' event to whoever holds it, and
    // an 'error' event nobody listens to is fatal. The query in flight rejects on its own.
    const connectionFailed = (error: Error) => {
      this.#logger.warn({ err: describeError(error) }, 'an outbox database connection failed');
    };
    this.#pool.on('error', connectionFailed);
    this.#pool.on('connect', (client) => client.on('error', connectionFailed));
    this.#store = new OutboxStore(this.#pool);
    this.#broker = new Broker({
      target: options.nats,
      logger: this.#logger,
      backoff: settings.backoff,
      requestTimeoutMs: settings.publishTimeoutMs,
      onConnected: () => {
        // The broker may have lost its store: check the stream again, and retry at once.
        this.#streamReady = false;
        this.#coolingDown.clear();
        this.#alarm.interrupt();
      },
    });
    this.#publisher = new EventPublisher(
      this.#broker,
      settings.stream,
      settings.publishTimeoutMs,
      this.#logger,
      options.onPublished,
    );
    this.#listener =
      options.listen === false
        ? undefined
        : new OutboxListener({
            databaseUrl: options.databaseUrl,
            logger: this.#logger,
            backoff: settings.backoff,
            onNotify: () => this.wake(),
          });
  }

  /** Connects (in the background while the broker is down) and starts relaying. */
  start(): void {
    if (this.#running !== undefined || this.#stopping) return;
    this.#broker.start();
    this.#listener?.start();
    this.#schedulePurge(Math.min(FIRST_PURGE_DELAY_MS, this.#settings.purgeIntervalMs));
    this.#running = this.#run();
  }

  /** Look for new events now; the service calls it after committing events. */
  wake(): void {
    this.#alarm.wake();
  }

  /**
   * One pass: every doctor-day with unpublished events gets one batch published, unless
   * another relay holds it or it is cooling down after a failure. Returns the number of
   * events acknowledged; 0 while the broker is unreachable.
   */
  async drainOnce(): Promise<number> {
    return (await this.#exclusively(() => this.#round())).published;
  }

  /** Deletes published rows older than `olderThanDays` (default: the retention); returns how many. */
  purgePublished(olderThanDays = this.#settings.retentionDays): Promise<number> {
    const purge = this.#store.purgePublished(
      olderThanDays,
      PURGE_BATCH_SIZE,
      () => !this.#stopping,
    );
    this.#purging = purge.catch(() => undefined);
    return purge;
  }

  async stats(): Promise<OutboxRelayStats> {
    const backlog = await this.#store.backlog();
    return {
      ...this.#publisher.counters,
      backlog: backlog.count,
      oldestUnpublishedAt: backlog.oldestCreatedAt,
      brokerConnected: this.#broker.ready,
    };
  }

  /** Lets the batches in flight finish, then closes the relay's connections. */
  stop(): Promise<void> {
    this.#stopped ??= this.#stop();
    return this.#stopped;
  }

  async #stop(): Promise<void> {
    this.#stopping = true;
    clearTimeout(this.#purgeTimer);
    this.#alarm.interrupt();
    await this.#running;
    await this.#exclusive;
    await this.#purging;
    await this.#listener?.stop();
    await this.#broker.stop();
    await this.#pool.end();
  }

  async #run(): Promise<void> {
    const { backoff, pollIntervalMs } = this.#settings;
    let failedRounds = 0;
    while (!this.#stopping) {
      if (!this.#broker.ready) {
        await this.#alarm.sleep(pollIntervalMs, { acceptWake: false });
        continue;
      }
      this.#alarm.takeWake();
      let round: RoundResult;
      try {
        round = await this.#exclusively(() => this.#round());
      } catch (error) {
        this.#publisher.counters.consecutiveFailures += 1;
        this.#logger.error({ err: describeError(error) }, 'outbox relay round failed');
        round = { published: 0, failed: 1, more: false };
      }
      if (round.failed > 0 && round.published === 0) {
        const delay = backoffDelay(backoff, ++failedRounds);
        this.#logger.debug({ failedRounds, retryInMs: delay }, 'outbox relay backing off');
        await this.#alarm.sleep(delay, { acceptWake: false });
        continue;
      }
      failedRounds = 0;
      if (!round.more) await this.#alarm.sleep(pollIntervalMs, { acceptWake: true });
    }
  }

  async #round(): Promise<RoundResult> {
    if (!this.#broker.ready) return { published: 0, failed: 0, more: false };
    if (!this.#streamReady && this.#settings.stream.ensureStream) {
      const change = await ensureEventStream(await this.#broker.manager(), this.#settings.stream);
      if (change !== 'unchanged') {
        this.#logger.info({ stream: this.#settings.stream.name, change }, 'event stream set up');
      }
    }
    this.#streamReady = true;
    const candidates = await this.#store.pendingDoctorDays(CANDIDATE_LIMIT);
    if (candidates.length < CANDIDATE_LIMIT) this.#forgetCooldownsExcept(candidates);
    const now = Date.now();
    const due = candidates.filter((id) => (this.#coolingDown.get(id)?.until ?? 0) <= now);
    const results = await mapConcurrently(due, this.#settings.concurrency, (id) =>
      this.#drainDoctorDay(id),
    );
    const published = results.reduce((sum, r) => sum + r.published, 0);
    const failed = results.reduce((sum, r) => sum + r.failed, 0);
    // A failure may mean the stream was deleted: check it again before the next round.
    if (failed > 0) this.#streamReady = false;
    // Look again at once only after progress, never to spin on doctor-days other relays hold.
    const more =
      results.some((r) => r.more) || (candidates.length === CANDIDATE_LIMIT && published > 0);
    return { published, failed, more };
  }

  #forgetCooldownsExcept(pending: readonly string[]): void {
    const stillPending = new Set(pending);
    for (const id of this.#coolingDown.keys()) {
      if (!stillPending.has(id)) this.#coolingDown.delete(id);
    }
  }

  /** One transaction: lock the doctor-day, publish a batch in order, mark what was acked. */
  async #drainDoctorDay(doctorDayId: string): Promise<RoundResult> {
    let acked = 0;
    let failed = false;
    try {
      const claim = await this.#store.claimDoctorDay(
        doctorDayId,
        this.#settings.batchSize,
        async (events) => {
          const outcome = await this.#publisher.publishInOrder(events);
          acked = outcome.acked.length;
          failed = outcome.failed;
          return outcome.acked;
        },
      );
      this.#recordOutcome(doctorDayId, failed);
      const full = claim.claimed && claim.rows === this.#settings.batchSize && !failed;
      return { published: acked, failed: failed ? 1 : 0, more: full };
    } catch (error) {
      // The database failed: whatever was acked is published again later (JetStream drops it).
      this.#publisher.counters.consecutiveFailures += 1;
      this.#logger.error({ doctorDayId, err: describeError(error) }, 'outbox transaction failed');
      this.#recordOutcome(doctorDayId, true);
      return { published: 0, failed: 1, more: false };
    }
  }

  #recordOutcome(doctorDayId: string, failed: boolean): void {
    if (!failed) {
      this.#coolingDown.delete(doctorDayId);
      return;
    }
    const failures = (this.#coolingDown.get(doctorDayId)?.failures ?? 0) + 1;
    const until = Date.now() + backoffDelay(this.#settings.backoff, failures);
    this.#coolingDown.set(doctorDayId, { until, failures });
  }

  #schedulePurge(delayMs: number): void {
    if (this.#stopping) return;
    this.#purgeTimer = setTimeout(() => {
      this.purgePublished()
        .then((deleted) => {
          const { retentionDays } = this.#settings;
          if (deleted > 0)
            this.#logger.info({ deleted, retentionDays }, 'purged published outbox rows');
        })
        .catch((error: unknown) => {
          this.#logger.warn({ err: describeError(error) }, 'purging the outbox failed');
        })
        .finally(() => this.#schedulePurge(this.#settings.purgeIntervalMs));
    }, delayMs);
    this.#purgeTimer.unref();
  }

  /** Runs rounds one at a time, whether started by the loop or by drainOnce(). */
  #exclusively<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#exclusive.then(task, task);
    this.#exclusive = result.catch(() => undefined);
    return result;
  }
}

/** Creates and starts a relay; `stop()` it on shutdown. */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const relay = new OutboxRelay(options);
  relay.start();
  return relay;
}
