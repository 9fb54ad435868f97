export {
  ApiError,
  type ApiErrorOptions,
  type ErrorCode,
  type FieldViolation,
  type ServiceErrorObject,
} from './api-error.js';
export { type DecodedServiceError, decodeServiceError } from './status-details.js';
export { ROLES, type Role, isRole, toProtoRole } from './roles.js';
export { type Caller, actorOf } from './caller.js';
export {
  type ApiKeyEntry,
  ApiKeyStore,
  hashApiKey,
  loadApiKeys,
  parseApiKeys,
  parseApiKeysFile,
} from './api-keys.js';
export { authorize } from './authorize.js';
export type { RpcContext, RpcDeps, RpcSpec } from './call-scope.js';
export { type ServerStreamSpec, type UnarySpec, serverStream, unary } from './rpc.js';
export { type Logger, type LoggerOptions, REDACTED_KEYS, createLogger } from './logger.js';
export {
  type GrpcServerOptions,
  type GrpcService,
  type RunningServer,
  type ServerLoad,
  startGrpcServer,
} from './server.js';
export { CallLimits, type CallKind, type CallLoad } from './call-limits.js';
export { DEFAULT_LIMITS, type ServerLimits, serverLimitsFrom } from './limits.js';
export { type ClientTlsFiles, type TlsFiles, clientCredentials, tlsCredentials } from './tls.js';
export { type RpcObservation, RpcMetrics, createMetricsRegistry } from './metrics.js';
export {
  type HealthReport,
  type MetricsServerOptions,
  type RunningMetricsServer,
  startMetricsServer,
} from './metrics-server.js';
export { isDatabaseUnavailable } from './database-unavailable.js';
export { releaseDeadConnections } from './dead-connections.js';
export {
  newPostgresClient,
  parsePostgresUrl,
  postgresConnectionConfig,
  type PostgresConnectionConfig,
  type PostgresHost,
  type PostgresTarget,
} from './postgres-target.js';
export { NoPrimaryError } from './read-write-client.js';
export {
  booleanVar,
  commonServiceVars,
  ConfigError,
  limitVars,
  loadConfig,
  natsServersVar,
  pageTokenSecretVars,
  parseNatsServers,
  portVar,
  postgresUrlVar,
  refuseDevelopmentSecretInProduction,
  wholeNumberVar,
} from './config.js';
export { deadlineOf, remainingMs, withDeadline } from './deadline.js';
export { PageTokens, pageSize } from './page-token.js';
export type { PositionPart, PositionShape } from './page-position.js';
export { RequestCheck, daysBetweenDates, isDate } from './request-check.js';
export { wireNames } from './wire-names.js';
export { runServiceProcess, type ServiceProcessSpec } from './service-process.js';
