import net from 'node:net';
import type { Logger } from './logger.js';

/** Open connections, the cap, and how many were refused since the start. */
export interface ConnectionCounts {
  readonly open: number;
  readonly max: number;
  readonly refused: number;
}

export interface ConnectionListenerOptions {
  readonly host: string;
  readonly port: number;
  readonly maxConnections: number;
  readonly maxConnectionsPerAddress: number;
  /** Hands an accepted connection to the gRPC server (grpc-js's connection injector). */
  readonly inject: (socket: net.Socket) => void;
  readonly log: Logger;
}

/** Refusals are logged at most this often, with how many there were since the last line. */
const REFUSAL_LOG_INTERVAL_MS = 10_000;

/**
 * The gRPC port's TCP listener. grpc-js does not cap connections, and each one costs a file
 * descriptor whether or not it ever makes a call; this one closes connections beyond the total
 * cap and beyond the cap per client address as soon as they are accepted, so one client cannot
 * exhaust the descriptors the database pool and everyone else need.
 */
export class ConnectionListener {
  readonly #server: net.Server;
  readonly #sockets = new Set<net.Socket>();
  readonly #byAddress = new Map<string, number>();
  #refused = 0;
  #refusedSinceLog = 0;
  #lastRefusalLog = 0;
  #onDrained: (() => void) | undefined;

  private constructor(private readonly options: ConnectionListenerOptions) {
    this.#server = net.createServer({ noDelay: true }, (socket) => this.#accept(socket));
    // Node closes connections beyond this itself and says so with 'drop'.
    this.#server.maxConnections = options.maxConnections;
    this.#server.on('drop', () => this.#refuse('the server holds its maximum of connections'));
  }

  static async listen(options: ConnectionListenerOptions): Promise<ConnectionListener> {
    const listener = new ConnectionListener(options);
    await new Promise<void>((resolve, reject) => {
      listener.#server.once('error', reject);
      listener.#server.listen(options.port, options.host, () => {
        listener.#server.off('error', reject);
        resolve();
      });
    });
    return listener;
  }

  get port(): number {
    return (this.#server.address() as net.AddressInfo).port;
  }

  counts(): ConnectionCounts {
    return { open: this.#sockets.size, max: this.options.maxConnections, refused: this.#refused };
  }

  /** Stops accepting connections; open ones stay until the gRPC server closes them. */
  stopAccepting(): void {
    this.#server.close();
  }

  /** Resolves once every connection has closed (after {@link stopAccepting}). */
  drained(): Promise<void> {
    if (this.#sockets.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.#onDrained = resolve;
    });
  }

  /** Closes whatever connection is still open. */
  destroyAll(): void {
    for (const socket of this.#sockets) socket.destroy();
  }

  #accept(socket: net.Socket): void {
    const address = socket.remoteAddress ?? '';
    const fromAddress = this.#byAddress.get(address) ?? 0;
    if (fromAddress >= this.options.maxConnectionsPerAddress) {
      socket.destroy();
      this.#refuse('a client address holds its maximum of connections');
      return;
    }
    this.#byAddress.set(address, fromAddress + 1);
    this.#sockets.add(socket);
    // A client resetting the connection must not take the process down; the gRPC server
    // handles the session's own errors.
    socket.on('error', () => undefined);
    socket.once('close', () => {
      this.#sockets.delete(socket);
      if (this.#sockets.size === 0) this.#onDrained?.();
      const left = (this.#byAddress.get(address) ?? 1) - 1;
      if (left > 0) this.#byAddress.set(address, left);
      else this.#byAddress.delete(address);
    });
    this.options.inject(socket);
  }

  #refuse(why: string): void {
    this.#refused += 1;
    this.#refusedSinceLog += 1;
    const now = Date.now();
    if (now - this.#lastRefusalLog < REFUSAL_LOG_INTERVAL_MS) return;
    this.options.log.warn(
      { refused: this.#refusedSinceLog, open: this.#sockets.size, why },
      'grpc connections refused',
    );
    this.#lastRefusalLog = now;
    this.#refusedSinceLog = 0;
  }
}
