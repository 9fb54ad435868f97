import type { NatsConnection } from '@nats-io/nats-core';

export interface ConnectionStateHooks {
  /** The server went away; the client is trying to reconnect. */
  readonly onDisconnect?: (server: string) => void;
  /** The client is connected again (subscriptions and consumers resume). */
  readonly onReconnect?: (server: string) => void;
}

/**
 * Whether a NATS connection reaches its server right now. `isClosed()` is not that: it stays
 * false for as long as the client keeps reconnecting, so a health check asking it would say
 * "up" through a whole broker outage. This follows the connection's status events instead.
 */
export class ConnectionState {
  #connected: boolean;

  constructor(connection: NatsConnection, hooks: ConnectionStateHooks = {}) {
    this.#connected = !connection.isClosed();
    void this.#follow(connection, hooks);
  }

  get connected(): boolean {
    return this.#connected;
  }

  async #follow(connection: NatsConnection, hooks: ConnectionStateHooks): Promise<void> {
    for await (const status of connection.status()) {
      if (status.type === 'disconnect') {
        this.#connected = false;
        hooks.onDisconnect?.(status.server);
      } else if (status.type === 'reconnect') {
        this.#connected = true;
        hooks.onReconnect?.(status.server);
      }
    }
    this.#connected = false;
  }
}
