import * as grpc from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import type { Logger } from './logger.js';
import { addReflection } from './reflection.js';
import { type TlsFiles, tlsCredentials } from './tls.js';

export interface GrpcService {
  definition: grpc.ServiceDefinition;
  implementation: grpc.UntypedServiceImplementation;
  /** Fully-qualified name, e.g. 'opd.v1.AllocationService' (health and reflection use it). */
  name: string;
}

export interface GrpcServerOptions {
  host: string;
  /** 0 = any free port. */
  port: number;
  services: readonly GrpcService[];
  /** TLS (and mutual TLS) from PEM files; plaintext when absent. */
  tls?: TlsFiles | undefined;
  /** Largest message accepted or sent; default 4 MiB. Larger requests get RESOURCE_EXHAUSTED. */
  maxMessageBytes?: number | undefined;
  /** Concurrent calls per connection; default 100. */
  maxConcurrentStreams?: number | undefined;
  log: Logger;
}

export interface RunningServer {
  /** The bound port (the chosen one when `port` was 0). */
  port: number;
  /** Sets the health status of '' and every service. */
  setServing(serving: boolean): void;
  /**
   * Graceful stop: health NOT_SERVING, stop accepting calls, let in-flight calls finish
   * for up to `graceMs` (default 10 s), then cancel whatever is left.
   */
  shutdown(graceMs?: number): Promise<void>;
}

const MIB = 1024 * 1024;

export function serverOptions(options: GrpcServerOptions): grpc.ServerOptions {
  const maxMessageBytes = options.maxMessageBytes ?? 4 * MIB;
  return {
    'grpc.max_receive_message_length': maxMessageBytes,
    'grpc.max_send_message_length': maxMessageBytes,
    'grpc.max_concurrent_streams': options.maxConcurrentStreams ?? 100,
    // Ping idle connections so dead clients (and their WatchDoctorDay streams) are noticed.
    'grpc.keepalive_time_ms': 60_000,
    'grpc.keepalive_timeout_ms': 20_000,
    'grpc.keepalive_permit_without_calls': 1,
  };
}

function bind(server: grpc.Server, address: string, credentials: grpc.ServerCredentials) {
  return new Promise<number>((resolve, reject) => {
    server.bindAsync(address, credentials, (error, port) =>
      error ? reject(error) : resolve(port),
    );
  });
}

/**
 * Starts one gRPC server with the given services, health checking (grpc.health.v1) and
 * server reflection, message-size and stream limits, keepalive and optional TLS.
 */
export async function startGrpcServer(options: GrpcServerOptions): Promise<RunningServer> {
  const server = new grpc.Server(serverOptions(options));
  for (const service of options.services)
    server.addService(service.definition, service.implementation);

  const names = ['', ...options.services.map((s) => s.name)];
  const health = new HealthImplementation();
  const setServing = (serving: boolean) => {
    for (const name of names) health.setStatus(name, serving ? 'SERVING' : 'NOT_SERVING');
  };
  setServing(false);
  health.addToServer(server);
  await addReflection(
    server,
    options.services.map((s) => s.name),
  );

  const credentials =
    options.tls === undefined
      ? grpc.ServerCredentials.createInsecure()
      : tlsCredentials(options.tls);
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const port = await bind(server, `${host}:${options.port}`, credentials);
  setServing(true);
  options.log.info(
    { host: options.host, port, tls: options.tls !== undefined, services: names.slice(1) },
    'grpc server listening',
  );

  let stopping: Promise<void> | undefined;
  const shutdown = (graceMs = 10_000): Promise<void> => {
    stopping ??= new Promise<void>((resolve) => {
      setServing(false);
      options.log.info({ graceMs }, 'grpc server shutting down');
      const force = setTimeout(() => {
        options.log.warn({ graceMs }, 'grace period over: cancelling the calls still running');
        server.forceShutdown();
        resolve();
      }, graceMs);
      server.tryShutdown(() => {
        clearTimeout(force);
        options.log.info('grpc server stopped');
        resolve();
      });
    });
    return stopping;
  };

  return { port, setServing, shutdown };
}
