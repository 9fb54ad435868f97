import pg from 'pg';
import { postgresConnectionConfig } from '@opd/service-runtime';
import { Alarm, backoffDelay } from './backoff.js';
import { Batcher } from './batcher.js';
import { Broker } from './broker.js';
import { DoctorDayClaims } from './doctor-day-claims.js';
import { DoctorDayDrain, type DrainContext, type DrainOutcome } from './doctor-day-drain.js';
import { DoctorDayMemory } from './doctor-day-memory.js';
import { EventPublisher } from './event-publisher.js';
import { describeError, type RelayLogger } from './logger.js';
import { MarkQueue } from './mark-queue.js';
import { OutboxListener } from './outbox-listener.js';
import { OutboxStore, type EventRead, type PendingEvent } from './outbox-store.js';
import {
  relaySettings,
  type OutboxRelayOptions,
  type OutboxRelayStats,
  type RelaySettings,
} from './relay-options.js';
import { ensureEventStream } from '@opd/event-stream';

const CANDIDATE_LIMIT = 1_000;
/** Doctor-days whose last published sequence is remembered (about 100 bytes each). */
const REMEMBERED_DAYS = 50_000;
const PURGE_BATCH_SIZE = 500;
const FIRST_PURGE_DELAY_MS = 60_000;

/**
 * Publishes the outbox to JetStream: at least once, in sequence order per doctor-day, with
 * JetStream dropping re-publishes by event id. Every doctor-day with unpublished events drains
 * on its own (`DoctorDayDrain`) as soon as the relay hears of it, hundreds side by side, so
 * many publishes are in flight at once while each day's events go one after another; nothing
 * waits for a round of other days. Any number of instances may run at once: a doctor-day is
 * only ever published by the relay holding its claim. All state is in the outbox table, so a
 * restart loses nothing. See ADR 0006 and ADR 0016.
 *
 * Per event it costs a read and a mark, each shared with the other days' at that moment: a
 * commit's `opd_doctor_day_changed` notification starts its day alone (no look for work), a
 * day's claim is kept between its drains (no lock per drain), and a notification for a
 * sequence this relay published already is dropped (no statement). Looking for doctor-days
 * with work is for the poll, the start, reconnections and commits made without the listener.
 */
export class OutboxRelay {
  readonly #settings: RelaySettings;
  readonly #logger: RelayLogger;
  readonly #pool: pg.Pool;
  readonly #store: OutboxStore;
  readonly #broker: Broker;
  readonly #publisher: EventPublisher;
  readonly #claims: DoctorDayClaims;
  readonly #memory = new DoctorDayMemory(REMEMBERED_DAYS);
  readonly #marks: MarkQueue;
  readonly #context: DrainContext;
  readonly #listener: OutboxListener | undefined;
  readonly #alarm = new Alarm();
  /** Doctor-days draining now, and the promise of each drain's end. */
  readonly #draining = new Map<string, { drain: DoctorDayDrain; done: Promise<void> }>();
  /** Doctor-days waiting for a free place among the drains, with their last known sequence. */
  readonly #waiting = new Map<string, number | undefined>();
  /** Doctor-days whose last drain failed, and when they may be tried again. */
  readonly #coolingDown = new Map<string, { until: number; failures: number }>();
  #streamReady = false;
  #running: Promise<void> | undefined;
  #scan: Promise<void> | undefined;
  #scanAgain = false;
  #failedScans = 0;
  #stopping = false;
  #stopped: Promise<void> | undefined;
  #purgeTimer: NodeJS.Timeout | undefined;
  #purging: Promise<unknown> = Promise.resolve();

  constructor(options: OutboxRelayOptions) {
    const settings = relaySettings(options);
    this.#settings = settings;
    this.#logger = options.logger;
    this.#pool = new pg.Pool({
      // One host, or a primary and standbys of which the pool uses the primary (ADR 0018).
      ...postgresConnectionConfig(options.databaseUrl),
      max: POOL_SIZE,
      application_name: 'opd-outbox-relay',
      statement_timeout: 30_000,
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
    this.#claims = new DoctorDayClaims(options.databaseUrl, this.#logger, {
      idleMs: settings.claimIdleMs,
      maxIdle: settings.maxIdleClaims,
      // A relay that cannot publish gives its days to the others.
      keep: () => this.#broker.ready && !this.#stopping,
    });
    this.#marks = new MarkQueue(
      (ids, at) => this.#store.markPublished(ids, at),
      { delayMs: settings.markDelayMs, maxBatch: 5_000, backoff: settings.backoff },
      this.#logger,
    );
    this.#context = {
      claims: this.#claims,
      reads: new Batcher<EventRead, PendingEvent[]>((reads) =>
        this.#store.readEvents(reads, settings.batchSize),
      ),
      marks: this.#marks,
      publisher: this.#publisher,
      memory: this.#memory,
      logger: this.#logger,
      stopping: () => this.#stopping,
    };
    this.#listener =
      options.listen === false
        ? undefined
        : new OutboxListener({
            databaseUrl: options.databaseUrl,
            logger: this.#logger,
            backoff: settings.backoff,
            onListening: () => this.#lookSoon(),
            onDoctorDayChanged: (day, sequence) => this.#notified(day, sequence),
          });
  }

  /** Connects (in the background while the broker is down) and starts relaying. */
  start(): void {
    if (this.#running !== undefined || this.#stopping) return;
    this.#broker.start();
    this.#listener?.start();
    this.#claims.prepare();
    this.#schedulePurge(Math.min(FIRST_PURGE_DELAY_MS, this.#settings.purgeIntervalMs));
    this.#running = this.#run();
  }

  /**
   * Events were committed; the service calls it after each commit that wrote some. While the
   * listener is connected this costs nothing: the commit's own `opd_doctor_day_changed`
   * notification names the doctor-day and its last sequence, and starts that day alone.
   * Without the listener (disconnected, or `listen: false`) it makes the relay look for
   * doctor-days with unpublished events now instead of at its next poll.
   */
  wake(): void {
    if (!this.#listener?.listening) this.#lookSoon();
  }

  /**
   * This process committed events of these doctor-days, up to each sequence: each starts at once
   * (the database sends no NOTIFY, ADR 0019). A commit that cannot name its days (the cold paths)
   * makes the relay look for doctor-days with unpublished events now.
   */
  committed(days: readonly { readonly doctorDayId: string; readonly sequence: number }[]): void {
    if (days.length === 0) this.#lookSoon();
    for (const day of days) this.#notified(day.doctorDayId, day.sequence);
  }

  /** Look for doctor-days with unpublished events now. */
  #lookSoon(): void {
    this.#alarm.wake();
  }

  /**
   * Looks for doctor-days with unpublished events once and waits until every drain that
   * started meanwhile has ended (another relay's doctor-days and cooling ones are left
   * alone). Returns the number of events acknowledged; 0 while the broker is unreachable.
   */
  async drainOnce(): Promise<number> {
    const before = this.#publisher.counters.published;
    await this.#lookForWork();
    while (this.#draining.size > 0) {
      await Promise.all([...this.#draining.values()].map((d) => d.done));
    }
    await this.#marks.flush();
    return this.#publisher.counters.published - before;
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

  /** Lets the publishes in flight finish and be marked, then closes the relay's connections. */
  stop(): Promise<void> {
    this.#stopped ??= this.#stop();
    return this.#stopped;
  }

  async #stop(): Promise<void> {
    this.#stopping = true;
    clearTimeout(this.#purgeTimer);
    this.#alarm.interrupt();
    this.#waiting.clear();
    await this.#running;
    await this.#scan;
    while (this.#draining.size > 0) {
      await Promise.all([...this.#draining.values()].map((d) => d.done));
    }
    await this.#marks.stop();
    await this.#purging;
    await this.#listener?.stop();
    await this.#claims.stop();
    await this.#broker.stop();
    await this.#pool.end();
  }

  /** Polls for work (a notification may be lost), backing off while looking fails. */
  async #run(): Promise<void> {
    const { backoff, pollIntervalMs } = this.#settings;
    while (!this.#stopping) {
      if (!this.#broker.ready) {
        await this.#alarm.sleep(pollIntervalMs, { acceptWake: false });
        continue;
      }
      this.#alarm.takeWake();
      await this.#lookForWork();
      if (this.#failedScans > 0) {
        const delay = backoffDelay(backoff, this.#failedScans);
        this.#logger.debug(
          { failedScans: this.#failedScans, retryInMs: delay },
          'outbox relay backing off',
        );
        await this.#alarm.sleep(delay, { acceptWake: false });
        continue;
      }
      await this.#alarm.sleep(pollIntervalMs, { acceptWake: true });
    }
  }

  /** One look for doctor-days with unpublished events; looks made meanwhile join the next. */
  #lookForWork(): Promise<void> {
    if (this.#scan) {
      this.#scanAgain = true;
      return this.#scan;
    }
    this.#scan = (async () => {
      do {
        this.#scanAgain = false;
        await this.#scanOnce();
      } while (this.#scanAgain && !this.#stopping);
    })().finally(() => (this.#scan = undefined));
    return this.#scan;
  }

  async #scanOnce(): Promise<void> {
    if (!this.#broker.ready || this.#stopping) return;
    try {
      await this.#ensureStream();
      const pending = await this.#store.pendingDoctorDays(CANDIDATE_LIMIT);
      this.#failedScans = 0;
      if (pending.length < CANDIDATE_LIMIT)
        this.#forgetCooldownsExcept(pending.map((p) => p.doctorDayId));
      for (const { doctorDayId, lastSequence } of pending)
        this.#schedule(doctorDayId, lastSequence);
    } catch (error) {
      this.#failedScans += 1;
      this.#publisher.counters.consecutiveFailures += 1;
      this.#logger.error({ err: describeError(error) }, 'looking for outbox events failed');
    }
  }

  async #ensureStream(): Promise<void> {
    if (this.#streamReady) return;
    if (this.#settings.stream.ensureStream) {
      const change = await ensureEventStream(await this.#broker.manager(), this.#settings.stream);
      if (change !== 'unchanged') {
        this.#logger.info({ stream: this.#settings.stream.name, change }, 'event stream set up');
      }
    }
    this.#streamReady = true;
  }

  /**
   * A commit wrote events of the doctor-day up to `sequence`. A day whose claim another relay
   * held a moment ago is left to that relay, which hears of the commit too; this relay's poll
   * still looks at it, in case that relay died.
   */
  #notified(doctorDayId: string, sequence: number): void {
    if (this.#memory.isHeldElsewhere(doctorDayId, Date.now())) return;
    this.#schedule(doctorDayId, sequence);
  }

  /**
   * Starts draining a doctor-day now, unless its events up to `sequence` are published
   * already, or it drains already, cools down, or must wait.
   */
  #schedule(doctorDayId: string, sequence?: number): void {
    if (this.#stopping || !this.#broker.ready) return;
    if (sequence !== undefined && sequence <= this.#memory.published(doctorDayId)) return;
    const draining = this.#draining.get(doctorDayId);
    if (draining) {
      draining.drain.notify(sequence);
      return;
    }
    if ((this.#coolingDown.get(doctorDayId)?.until ?? 0) > Date.now()) return;
    if (!this.#streamReady) {
      // The stream is checked before the first publish and after failures.
      this.#lookSoon();
      return;
    }
    if (this.#draining.size >= this.#settings.concurrency) {
      // Waiting without a sequence means: drain it whatever the memory says.
      const before = this.#waiting.get(doctorDayId);
      const unknown = sequence === undefined || (this.#waiting.has(doctorDayId) && !before);
      this.#waiting.set(doctorDayId, unknown ? undefined : Math.max(before ?? 0, sequence));
      return;
    }
    const drain = new DoctorDayDrain(doctorDayId, sequence);
    const done = drain
      .run(this.#context, this.#settings.batchSize)
      .then((outcome) => this.#finished(doctorDayId, outcome, drain))
      .catch((error: unknown) => {
        this.#logger.error({ doctorDayId, err: describeError(error) }, 'outbox drain failed');
      });
    this.#draining.set(doctorDayId, { drain, done });
  }

  #finished(doctorDayId: string, outcome: DrainOutcome, drain: DoctorDayDrain): void {
    this.#draining.delete(doctorDayId);
    if (outcome.kind !== 'held elsewhere') this.#memory.claimedHere(doctorDayId);
    if (outcome.kind === 'failed') {
      // A failure may mean the stream was deleted: check it again before going on.
      this.#streamReady = false;
      const failures = (this.#coolingDown.get(doctorDayId)?.failures ?? 0) + 1;
      const until = Date.now() + backoffDelay(this.#settings.backoff, failures);
      this.#coolingDown.set(doctorDayId, { until, failures });
      // Come back for it once its cooling down is over.
      setTimeout(() => this.#lookSoon(), until - Date.now()).unref();
    } else if (outcome.kind === 'drained') {
      this.#coolingDown.delete(doctorDayId);
      if (drain.hasMore()) this.#schedule(doctorDayId);
    } else {
      this.#memory.heldElsewhere(doctorDayId, Date.now() + this.#settings.claimIdleMs);
    }
    const next = this.#waiting.entries().next();
    if (!next.done) {
      const [day, sequence] = next.value;
      this.#waiting.delete(day);
      this.#schedule(day, sequence);
    }
  }

  #forgetCooldownsExcept(pending: readonly string[]): void {
    const stillPending = new Set(pending);
    for (const id of this.#coolingDown.keys()) {
      if (!stillPending.has(id)) this.#coolingDown.delete(id);
    }
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
}

/** Connections for looking for work, reads and marks (each a short statement, batched). */
const POOL_SIZE = 4;

/** Creates and starts a relay; `stop()` it on shutdown. */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const relay = new OutboxRelay(options);
  relay.start();
  return relay;
}
