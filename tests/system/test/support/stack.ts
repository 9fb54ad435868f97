// Both services in this process, each on its own PostgreSQL database, sharing a JetStream stream
// of this test's own: allocation with a driven clock (its sweeper on), reporting following it.
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import {
  ManualClock,
  loadAllocationConfig,
  startAllocationService,
  type RunningAllocation,
} from '@opd/allocation';
import {
  AllocationServiceService,
  ReportingServiceService,
  promiseClient,
  type PromiseClient,
} from '@opd/api';
import { uniqueStream } from '@opd/event-stream/testing';
import { loadReportingConfig, startReportingService, type RunningReporting } from '@opd/reporting';
import { ApiKeyStore, createLogger, parseApiKeys, type Role } from '@opd/service-runtime';
import { createTestDatabase, type TestDatabase } from '@opd/service-runtime/testing';

export type AllocationClient = PromiseClient<typeof AllocationServiceService>;
export type ReportingClient = PromiseClient<typeof ReportingServiceService>;

const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const KEYS = {
  admin: 'admin-key',
  counter: 'counter-key',
  doctor: 'doctor-key',
  reporting: 'reports-key',
} as const;

/** 07:00 in Kolkata on Friday 27 November 2026, before the OPD opens. */
export const TODAY = '2026-11-27';
/** An instant on `date` from a Kolkata wall-clock time. */
export const ist = (hhmm: string, date = TODAY): Date => new Date(`${date}T${hhmm}:00+05:30`);

export interface Stack {
  readonly clock: ManualClock;
  readonly allocation: RunningAllocation;
  readonly reporting: RunningReporting;
  client(role: Exclude<keyof typeof KEYS, 'reporting'>): AllocationClient;
  reports(): ReportingClient;
  stop(): Promise<void>;
}

export async function startStack(): Promise<Stack> {
  const stream = uniqueStream();
  const databases: TestDatabase[] = await Promise.all([
    createTestDatabase('opd_sys_alloc'),
    createTestDatabase('opd_sys_report'),
  ]);
  const [allocationDb, reportingDb] = databases as [TestDatabase, TestDatabase];
  const keys = new ApiKeyStore(
    parseApiKeys(
      (Object.entries(KEYS) as [Role, string][])
        .map(([role, key]) => `${role}:${role}:plain=${key}`)
        .join(','),
    ),
  );
  const log = createLogger({
    name: 'system-test',
    level: process.env['TEST_LOG_LEVEL'] ?? 'silent',
  });
  const shared = {
    NATS_URL,
    OPD_EVENT_STREAM: stream.name,
    OPD_EVENT_SUBJECT_PREFIX: stream.subjectPrefix,
    OPD_MIGRATE_ON_START: 'true',
  };
  const clock = new ManualClock(ist('07:00').getTime());
  // Reporting first: the start order must not matter, so the one that needs the stream goes first.
  const reporting = await startReportingService({
    config: loadReportingConfig({
      ...shared,
      REPORTING_DATABASE_URL: reportingDb.url,
      OPD_REPORTING_GRPC_PORT: '0',
      OPD_REPORTING_METRICS_PORT: '0',
    }),
    apiKeys: keys,
    log,
  });
  const allocation = await startAllocationService({
    config: loadAllocationConfig({
      ...shared,
      DATABASE_URL: allocationDb.url,
      OPD_GRPC_PORT: '0',
      OPD_METRICS_PORT: '0',
      OPD_SWEEP_INTERVAL_MS: '50',
    }),
    clock,
    apiKeys: keys,
    log,
  });
  const clients: { close(): void }[] = [];
  const open = <S extends Parameters<typeof promiseClient>[0]>(
    definition: S,
    port: number,
    key: string,
  ) => {
    const client = promiseClient(definition, `127.0.0.1:${port}`, {
      apiKey: key,
      defaultTimeoutMs: 20_000,
    });
    clients.push(client);
    return client;
  };
  return {
    clock,
    allocation,
    reporting,
    client: (role) => open(AllocationServiceService, allocation.port, KEYS[role]),
    reports: () => open(ReportingServiceService, reporting.port, KEYS.reporting),
    async stop() {
      clients.forEach((c) => c.close());
      await allocation.stop(1_000);
      await reporting.stop(1_000);
      const nc = await connect({ servers: NATS_URL });
      await (await jetstreamManager(nc)).streams.delete(stream.name).catch(() => false);
      await nc.close();
      await Promise.all(databases.map((db) => db.drop()));
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
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
