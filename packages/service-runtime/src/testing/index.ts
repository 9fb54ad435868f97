// Test helpers for every service's tests: real gRPC calls, certificates, log capture, a
// database of one's own. Not built.
export { bearer, callUnary, rejectionOf } from './grpc-calls.js';
export { HealthClient } from './health-client.js';
export { captureLog, type CapturedLog } from './log-capture.js';
export { listServices, reflect } from './reflection-client.js';
export { makeTestCerts, type TestCerts } from './test-certs.js';
export { createTestDatabase, type TestDatabase } from './test-database.js';
export { expectRefused, refusal } from './expect-status.js';
export { startService, type ServiceProcess } from './service-process.js';
export { eveningZone, noonZone } from './noon-zone.js';
export {
  asPostgres,
  baseBackup,
  initPrimary,
  killServerTree,
  PostgresProcess,
  postgresBinDir,
  postgresDir,
  postgresOsUser,
  promote,
  serverAnswers,
  serverCommand,
  type ServerCommand,
} from './postgres-cluster.js';
