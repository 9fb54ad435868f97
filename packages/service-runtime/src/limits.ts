import type { limitVars } from './config.js';

/**
 * What one gRPC server allows, so that one key holder or one address cannot take the service
 * from everyone else (docs/security.md, "Limits").
 */
export interface ServerLimits {
  /** Open connections at once; more are closed as soon as they are accepted. */
  readonly maxConnections: number;
  /** Open connections from one client address at once. */
  readonly maxConnectionsPerAddress: number;
  /** A connection without a call for this long is closed (GOAWAY); clients reconnect. */
  readonly connectionIdleMs: number;
  /** The server pings a connection after this long without traffic... */
  readonly keepaliveTimeMs: number;
  /** ...and closes it when the ping is not answered within this. */
  readonly keepaliveTimeoutMs: number;
  /** HTTP/2 streams (calls of any kind) open at once on one connection. */
  readonly maxConcurrentStreams: number;
  /** Server streams (WatchDoctorDay, ExportTokens) open at once under one API key. */
  readonly maxStreamsPerKey: number;
  /** Server streams open at once on one connection. */
  readonly maxStreamsPerConnection: number;
  /** Calls one API key may make in one second. */
  readonly keyRequestsPerSecond: number;
  /** Calls with a wrong key one client address may make in a minute before it is held off. */
  readonly authFailuresPerMinute: number;
  /** The deadline of a unary call that brings none. */
  readonly defaultDeadlineMs: number;
  /** The deadline of a server stream that brings none. */
  readonly defaultStreamDeadlineMs: number;
}

/** The defaults, as documented: generous for a hospital, small enough for one machine. */
export const DEFAULT_LIMITS: ServerLimits = {
  maxConnections: 1_000,
  maxConnectionsPerAddress: 200,
  connectionIdleMs: 300_000,
  keepaliveTimeMs: 60_000,
  keepaliveTimeoutMs: 20_000,
  maxConcurrentStreams: 100,
  maxStreamsPerKey: 200,
  maxStreamsPerConnection: 50,
  keyRequestsPerSecond: 1_000,
  authFailuresPerMinute: 200,
  defaultDeadlineMs: 60_000,
  defaultStreamDeadlineMs: 3_600_000,
};

type LimitConfig = { readonly [K in keyof typeof limitVars]: number };

/** The limits from a service's configuration (the `limitVars` part of it). */
export function serverLimitsFrom(config: LimitConfig): ServerLimits {
  return {
    maxConnections: config.OPD_GRPC_MAX_CONNECTIONS,
    maxConnectionsPerAddress: config.OPD_GRPC_MAX_CONNECTIONS_PER_ADDRESS,
    connectionIdleMs: config.OPD_GRPC_CONNECTION_IDLE_MS,
    keepaliveTimeMs: config.OPD_GRPC_KEEPALIVE_TIME_MS,
    keepaliveTimeoutMs: config.OPD_GRPC_KEEPALIVE_TIMEOUT_MS,
    maxConcurrentStreams: config.OPD_GRPC_MAX_CONCURRENT_STREAMS,
    maxStreamsPerKey: config.OPD_MAX_STREAMS_PER_KEY,
    maxStreamsPerConnection: config.OPD_MAX_STREAMS_PER_CONNECTION,
    keyRequestsPerSecond: config.OPD_KEY_REQUESTS_PER_SECOND,
    authFailuresPerMinute: config.OPD_AUTH_FAILURES_PER_MINUTE,
    defaultDeadlineMs: config.OPD_DEFAULT_DEADLINE_MS,
    defaultStreamDeadlineMs: config.OPD_DEFAULT_STREAM_DEADLINE_MS,
  };
}
