// Starts a real reporting service (gRPC on a free port, its own PostgreSQL database, its own
// JetStream stream) and hands out promise clients per role and a publisher of events.
import {
  ReportingServiceService,
  promiseClient,
  type EventEnvelope,
  type PromiseClient,
} from '@opd/api';
import { uniqueStream } from '@opd/event-stream/testing';
import {
  ApiKeyStore,
  createLogger,
  parseApiKeys,
  type Logger,
  type Role,
} from '@opd/service-runtime';
import { createTestDatabase, type TestDatabase } from '@opd/service-runtime/testing';
import { startReportingService, type RunningReporting } from '../../src/app.js';
import { loadReportingConfig, type ReportingConfig } from '../../src/config.js';
import { EventPublisher, TEST_NATS_URL } from '../../src/testing/event-publisher.js';
import { eventsApplied } from '../../src/testing/read-model-snapshot.js';

export type ReportingClient = PromiseClient<typeof ReportingServiceService>;

export const KEYS: Readonly<Record<Role, string>> = {
  counter: 'counter-key-for-tests',
  doctor: 'doctor-key-for-tests',
  admin: 'admin-key-for-tests',
  integration: 'integration-key-for-tests',
  reporting: 'reporting-key-for-tests',
};

const keys = new ApiKeyStore(
  parseApiKeys(
    Object.entries(KEYS)
      .map(([role, key]) => `${role}:${role}:plain=${key}`)
      .join(','),
  ),
);

export interface HarnessOptions {
  /** Extra environment for the service (e.g. a short ack wait). */
  readonly env?: Record<string, string>;
  readonly afterCommit?: (event: EventEnvelope) => Promise<void> | void;
  readonly log?: Logger;
}

export interface Harness {
  readonly db: TestDatabase;
  readonly config: ReportingConfig;
  readonly stream: { readonly name: string; readonly subjectPrefix: string };
  readonly publisher: EventPublisher;
  /** The running service (replaced by restart). */
  app(): RunningReporting;
  client(role?: Role): ReportingClient;
  /** Stops the service and starts it again on the same database, stream and consumer. */
  restart(): Promise<void>;
  /** Resolves once the read model has applied `count` events in all. */
  applied(count: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const db = await createTestDatabase('opd_report_test');
  const stream = uniqueStream();
  const config = loadReportingConfig({
    REPORTING_DATABASE_URL: db.url,
    NATS_URL: TEST_NATS_URL,
    OPD_REPORTING_GRPC_PORT: '0',
    OPD_REPORTING_METRICS_PORT: '0',
    OPD_EVENT_STREAM: stream.name,
    OPD_EVENT_SUBJECT_PREFIX: stream.subjectPrefix,
    OPD_REPORTING_ACK_WAIT_MS: '2000',
    OPD_MIGRATE_ON_START: 'true',
    ...options.env,
  });
  const log =
    options.log ??
    createLogger({ name: 'reporting-test', level: process.env['TEST_LOG_LEVEL'] ?? 'silent' });
  const start = () =>
    startReportingService({
      config,
      log,
      apiKeys: keys,
      ...(options.afterCommit ? { afterCommit: options.afterCommit } : {}),
    });
  let app = await start();
  const publisher = await EventPublisher.open(stream);
  const clients = new Map<string, ReportingClient>();
  return {
    db,
    config,
    stream,
    publisher,
    app: () => app,
    client(role) {
      const key = `${role ?? 'nobody'}@${app.port}`;
      const client =
        clients.get(key) ??
        promiseClient(ReportingServiceService, `127.0.0.1:${app.port}`, {
          ...(role ? { apiKey: KEYS[role] } : {}),
          defaultTimeoutMs: 20_000,
        });
      clients.set(key, client);
      return client;
    },
    async restart() {
      await app.stop(1_000);
      app = await start();
    },
    async applied(count, timeoutMs = 20_000) {
      const started = Date.now();
      let seen = 0;
      while ((seen = await eventsApplied(app.orm)) < count) {
        if (Date.now() - started > timeoutMs) {
          throw new Error(`the read model applied ${seen} of ${count} events in ${timeoutMs} ms`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async stop() {
      clients.forEach((c) => c.close());
      clients.clear();
      await app.stop(1_000);
      await publisher.deleteStream();
      await publisher.close();
      await db.drop();
    },
  };
}

/** Polls `read` until `done` holds, or fails after `timeoutMs`. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error('the condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
