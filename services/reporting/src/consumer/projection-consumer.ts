import { jetstream, jetstreamManager, type ConsumerMessages } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import type { EventEnvelope } from '@opd/api';
import { ConnectionState, ensureEventStream } from '@opd/event-stream';
import type { Logger } from '@opd/service-runtime';
import type pg from 'pg';
import {
  consumerInfo,
  ensureDurableConsumer,
  type DurableConsumerOptions,
} from './durable-consumer.js';
import { BatchLanes } from './batch-lanes.js';
import { EventHandler, type ConsumerObserver, type Received } from './event-handler.js';
import { decodeEvent } from './event-message.js';
import { holdMs, type RetryPolicy } from './retry-policy.js';

export type { ConsumerObserver } from './event-handler.js';

export interface ProjectionConsumerOptions {
  /** Connections for applying events, apart from the ones serving reports. */
  readonly pool: pg.Pool;
  readonly log: Logger;
  /** NATS: one server, or every node of a cluster. */
  readonly natsServers: readonly string[];
  readonly durable: DurableConsumerOptions;
  /**
   * How many batches of events are applied at once, each in its own transaction (one
   * doctor-day's events always in one lane, in order); the pool should have a connection
   * for each.
   */
  readonly concurrency: number;
  readonly retry: RetryPolicy;
  readonly observer?: ConsumerObserver;
  /**
   * Runs after an event's transaction committed and before the ack. If it throws, the event
   * is left unacknowledged, as if the process had died right there (for tests).
   */
  readonly afterCommit?: (event: EventEnvelope) => Promise<void> | void;
}

/**
 * The read model's feed: a durable JetStream pull consumer with explicit acks, applying
 * events in lanes per doctor-day (see EventHandler for each message's fate). Starts while
 * NATS or the stream is missing and keeps retrying; on stop it finishes the events in hand
 * and hands the rest back to JetStream at once, for the next instance.
 */
export class ProjectionConsumer {
  readonly #options: ProjectionConsumerOptions;
  readonly #lanes: BatchLanes<Received>;
  readonly #handler: EventHandler;
  #connection: NatsConnection | undefined;
  #connectionState: ConnectionState | undefined;
  #messages: ConsumerMessages | undefined;
  #running: Promise<void> | undefined;
  #stopping = false;
  #wake: () => void = () => undefined;
  #pausedUntil = 0;
  #transientFailures = 0;
  #lastPending: number | undefined;

  constructor(options: ProjectionConsumerOptions) {
    this.#options = options;
    this.#handler = new EventHandler({
      pool: options.pool,
      log: options.log,
      streamName: options.durable.streamName,
      retry: options.retry,
      holdMs: holdMs(options.retry, options.durable.ackWaitMs),
      observer: options.observer,
      afterCommit: options.afterCommit,
      onTransientFailure: () => this.#pause(),
      onDatabaseAnswered: () => (this.#transientFailures = 0),
    });
    this.#lanes = new BatchLanes({
      lanes: options.concurrency,
      inHand: ConsumeBatch.of(options.concurrency),
      maxBatch: MAX_BATCH,
      run: (batch) => this.#handler.handleBatch(batch),
    });
  }

  start(): void {
    this.#running ??= this.#run();
  }

  /** True while connected to NATS (false while the client is reconnecting). */
  get connected(): boolean {
    return this.#connectionState?.connected === true;
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wake();
    this.#messages?.stop();
    await this.#running;
    await this.#lanes.idle();
    this.#handler.releaseHeld();
    await this.#connection?.drain().catch(() => undefined);
  }

  /**
   * Events not in the read model yet, as JetStream counts them: not yet delivered, plus
   * delivered and not yet acknowledged. The last known count while NATS cannot be asked.
   */
  async pending(): Promise<number | undefined> {
    const connection = this.#connection;
    if (connection === undefined || !this.connected) return this.#lastPending;
    try {
      const jsm = await jetstreamManager(connection, { timeout: 2_000 });
      const info = await consumerInfo(jsm, this.#options.durable);
      if (info) this.#lastPending = info.num_pending + info.num_ack_pending;
    } catch {
      // Keep the last known count.
    }
    return this.#lastPending;
  }

  async #run(): Promise<void> {
    for (let attempt = 1; !this.#stopping; attempt++) {
      try {
        await this.#consume();
        attempt = 0;
      } catch (error) {
        if (this.#stopping) break;
        this.#options.log.warn({ err: error, attempt }, 'the event consumer stopped; restarting');
      }
      if (!this.#stopping) await this.#sleep(Math.min(250 * 2 ** Math.min(attempt, 5), 5_000));
    }
  }

  async #consume(): Promise<void> {
    const { durable, log } = this.#options;
    if (this.#connection === undefined) {
      this.#connection = await connect({
        servers: [...this.#options.natsServers],
        name: `opd-reporting-${durable.durableName}`,
        maxReconnectAttempts: -1,
        reconnectTimeWait: 1_000,
      });
      this.#connectionState = new ConnectionState(this.#connection, {
        onDisconnect: (server) => log.warn({ server }, 'disconnected from NATS; reconnecting'),
        onReconnect: (server) => log.info({ server }, 'reconnected to NATS'),
      });
    }
    const jsm = await jetstreamManager(this.#connection);
    await ensureEventStream(jsm, {
      name: durable.streamName,
      subjectPrefix: durable.subjectPrefix,
      ...(durable.replicas === undefined ? {} : { replicas: durable.replicas }),
    });
    const change = await ensureDurableConsumer(jsm, durable);
    const consumer = await jetstream(this.#connection).consumers.get(
      durable.streamName,
      durable.durableName,
    );
    // A deleted consumer (a rebuild) ends the iteration, and the loop above starts again.
    const messages = await consumer.consume({
      max_messages: ConsumeBatch.of(this.#options.concurrency),
      abort_on_missing_resource: true,
    });
    this.#messages = messages;
    if (this.#stopping) messages.stop();
    log.info({ stream: durable.streamName, durable: durable.durableName, change }, 'consuming');
    for await (const message of messages) {
      // Messages fetched before a stop go back at once, for the next instance to apply.
      if (this.#stopping) {
        message.nak();
        continue;
      }
      await this.#whilePaused();
      const decoded = decodeEvent(message.data);
      const day = decoded.event?.doctorDayId || message.headers?.get('Opd-Doctor-Day-Id');
      await this.#lanes.dispatch(day || `message-${message.seq}`, { message, decoded });
    }
  }

  /** While the database is away, stop taking new events instead of cycling through them. */
  #pause(): void {
    this.#transientFailures += 1;
    const pauseMs = Math.min(100 * 2 ** Math.min(this.#transientFailures - 1, 6), 5_000);
    this.#pausedUntil = Math.max(this.#pausedUntil, Date.now() + pauseMs);
  }

  async #whilePaused(): Promise<void> {
    const left = this.#pausedUntil - Date.now();
    if (left > 0) await this.#sleep(left);
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

/**
 * Messages pulled and held at a time: enough for every lane to fill a batch while the one
 * before it commits. (The consumer's max_ack_pending caps it on the server's side.)
 */
const ConsumeBatch = {
  of: (concurrency: number): number => Math.max(concurrency * 64, 256),
};

/** Events applied in one transaction at most. */
const MAX_BATCH = 250;
