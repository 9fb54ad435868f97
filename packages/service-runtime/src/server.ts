import * as grpc from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import { CallLimits, type CallLoad } from './call-limits.js';
import { type ConnectionCounts, ConnectionListener } from './connection-listener.js';
import { type ServerLimits } from './limits.js';
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
  /**
   * The limits of this server, shared with its handlers (`RpcDeps.limits`); the defaults of
   * `DEFAULT_LIMITS` when absent.
   */
  limits?: CallLimits | undefined;
  log: Logger;
}

/** How close the server is to its limits: what /healthz reports. */
export interface ServerLoad extends CallLoad {
  readonly connections: ConnectionCounts;
  /** True while the server holds its maximum of connections: new clients are refused. */
  readonly saturated: boolean;
}

export interface RunningServer {
  /** The bound port (the chosen one when `port` was 0). */
  port: number;
  /** Sets the health status of '' and every service. */
  setServing(serving: boolean): void;
  /** Connections, streams and held-off addresses now. */
  load(): Promise<ServerLoad>;
  /**
   * Graceful stop: health NOT_SERVING, stop accepting calls, let in-flight calls finish
   * for up to `graceMs` (default 10 s), then cancel whatever is left.
   */
  shutdown(graceMs?: number): Promise<void>;
}

const MIB = 1024 * 1024;

export function serverOptions(
  options: Pick<GrpcServerOptions, 'maxMessageBytes'>,
  limits: ServerLimits,
): grpc.ServerOptions {
  const maxMessageBytes = options.maxMessageBytes ?? 4 * MIB;
  return {
    'grpc.max_receive_message_length': maxMessageBytes,
    'grpc.max_send_message_length': maxMessageBytes,
    'grpc.max_concurrent_streams': limits.maxConcurrentStreams,
    // A connection without calls is closed, so idle clients cannot hold descriptors forever.
    'grpc.max_connection_idle_ms': limits.connectionIdleMs,
    // Ping quiet connections so dead clients (and their WatchDoctorDay streams) are noticed.
    'grpc.keepalive_time_ms': limits.keepaliveTimeMs,
    'grpc.keepalive_timeout_ms': limits.keepaliveTimeoutMs,
    'grpc.keepalive_permit_without_calls': 1,
  };
}

/**
 * Starts one gRPC server with the given services, health checking (grpc.health.v1) and
 * server reflection, message-size, connection and stream limits, keepalive and optional TLS.
 */
export async function startGrpcServer(options: GrpcServerOptions): Promise<RunningServer> {
  const calls = options.limits ?? new CallLimits();
  const server = new grpc.Server(serverOptions(options, calls.limits));
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
  // Our own listener hands connections to grpc-js, so that it can count and cap them.
  const injector = server.createConnectionInjector(credentials);
  const listener = await ConnectionListener.listen({
    host: options.host,
    port: options.port,
    maxConnections: calls.limits.maxConnections,
    maxConnectionsPerAddress: calls.limits.maxConnectionsPerAddress,
    inject: (socket) => injector.injectConnection(socket),
    log: options.log,
  });
  const port = listener.port;
  setServing(true);
  options.log.info(
    { host: options.host, port, tls: options.tls !== undefined, services: names.slice(1) },
    'grpc server listening',
  );

  const load = async (): Promise<ServerLoad> => {
    const connections = listener.counts();
    return { ...(await calls.load()), connections, saturated: connections.open >= connections.max };
  };

  let stopping: Promise<void> | undefined;
  const shutdown = (graceMs = 10_000): Promise<void> => {
    stopping ??= new Promise<void>((resolve) => {
      setServing(false);
      listener.stopAccepting();
      options.log.info({ graceMs }, 'grpc server shutting down');
      const force = setTimeout(() => {
        options.log.warn({ graceMs }, 'grace period over: cancelling the calls still running');
        server.forceShutdown();
        listener.destroyAll();
        resolve();
      }, graceMs);
      // grpc-js answers as soon as every session has been asked to close (GOAWAY); the
      // calls still running end on their own, and the connections close after them.
      server.tryShutdown(() => {
        void listener.drained().then(() => {
          clearTimeout(force);
          options.log.info('grpc server stopped');
          resolve();
        });
      });
    });
    return stopping;
  };

  return { port, setServing, load, shutdown };
}
