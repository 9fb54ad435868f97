import {
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect, type NodeConnectionOptions } from '@nats-io/transport-node';
import { ConnectionState } from '@opd/event-stream';
import { Alarm, backoffDelay, type BackoffPolicy } from './backoff.js';
import { describeError, type RelayLogger } from './logger.js';

/**
 * Where the relay publishes: either servers it connects to itself (and closes on stop), or a
 * connection the caller owns. A connection of the caller's should reconnect forever too.
 */
export type BrokerTarget =
  | {
      readonly servers: string | readonly string[];
      /** Credentials, TLS, reconnect timing…; `maxReconnectAttempts` is always -1. */
      readonly options?: Omit<NodeConnectionOptions, 'servers'>;
    }
  | { readonly connection: NatsConnection };

export interface BrokerOptions {
  readonly target: BrokerTarget;
  readonly logger: RelayLogger;
  readonly backoff: BackoffPolicy;
  /** Time limit of each JetStream request, publishes included. */
  readonly requestTimeoutMs: number;
  /** Called after the first connection and after every reconnection. */
  readonly onConnected: () => void;
}

/**
 * The relay's NATS connection. The first connection is retried with backoff in the background
 * (a service must start while the broker is down); after that the client reconnects by itself,
 * forever. `ready` is false while disconnected, so the relay does not pile up publishes that
 * could only time out.
 */
export class Broker {
  readonly #options: BrokerOptions;
  readonly #alarm = new Alarm();
  #connection: NatsConnection | undefined;
  #js: JetStreamClient | undefined;
  #state: ConnectionState | undefined;
  #stopping = false;
  #connecting: Promise<void> | undefined;

  constructor(options: BrokerOptions) {
    this.#options = options;
  }

  get ready(): boolean {
    return this.#state?.connected === true && this.#js !== undefined;
  }

  start(): void {
    this.#connecting ??= this.#connect();
  }

  /** The JetStream client; only call when `ready`. */
  get js(): JetStreamClient {
    if (this.#js === undefined) throw new Error('not connected to NATS');
    return this.#js;
  }

  async manager(): Promise<JetStreamManager> {
    if (this.#connection === undefined) throw new Error('not connected to NATS');
    return jetstreamManager(this.#connection, { timeout: this.#options.requestTimeoutMs });
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    this.#alarm.interrupt();
    await this.#connecting;
    const connection = this.#connection;
    this.#state = undefined;
    this.#js = undefined;
    if (connection !== undefined && !('connection' in this.#options.target)) {
      await connection.close();
    }
  }

  async #connect(): Promise<void> {
    const { target, logger } = this.#options;
    if ('connection' in target) {
      this.#attach(target.connection);
      return;
    }
    for (let attempt = 1; !this.#stopping; attempt++) {
      try {
        const connection = await connect({
          name: 'opd-outbox-relay',
          reconnectTimeWait: 1_000,
          // Otherwise every publish builds two Error objects (stack traces included) in case it
          // fails; the relay logs a failure's message and code, never its stack.
          noAsyncTraces: true,
          ...target.options,
          servers: typeof target.servers === 'string' ? target.servers : [...target.servers],
          maxReconnectAttempts: -1,
        });
        if (this.#stopping) {
          await connection.close();
          return;
        }
        this.#attach(connection);
        return;
      } catch (error) {
        const delay = backoffDelay(this.#options.backoff, attempt);
        logger.warn({ err: describeError(error), attempt, retryInMs: delay }, 'cannot reach NATS');
        await this.#alarm.sleep(delay, { acceptWake: false });
      }
    }
  }

  #attach(connection: NatsConnection): void {
    this.#connection = connection;
    this.#js = jetstream(connection, { timeout: this.#options.requestTimeoutMs });
    const { logger } = this.#options;
    this.#state = new ConnectionState(connection, {
      onDisconnect: (server) => logger.warn({ server }, 'disconnected from NATS; reconnecting'),
      onReconnect: (server) => {
        logger.info({ server }, 'reconnected to NATS');
        this.#options.onConnected();
      },
    });
    logger.info({ server: connection.getServer() }, 'connected to NATS');
    this.#options.onConnected();
  }
}
