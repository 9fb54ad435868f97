// Both services in this process, each on its own PostgreSQL database, sharing a JetStream stream
// of this test's own: allocation with a driven clock (its sweeper on), reporting following it.
import type * as grpc from '@grpc/grpc-js';
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
import {
  ApiKeyStore,
  createLogger,
  parseApiKeys,
  type Logger,
  type Role,
} from '@opd/service-runtime';
import { createTestDatabase, type TestDatabase } from '@opd/service-runtime/testing';

export type AllocationClient = PromiseClient<typeof AllocationServiceService>;
export type ReportingClient = PromiseClient<typeof ReportingServiceService>;

const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
/** One key per role; each key's name is its role. */
export const KEYS = {
  admin: 'admin-key',
  counter: 'counter-key',
  doctor: 'doctor-key',
  integration: 'integration-key',
  reporting: 'reports-key',
} as const satisfies Record<Role, string>;

/** A further key to configure, e.g. a second counter with a name of its own. */
export interface ExtraKey {
  readonly name: string;
  readonly role: Role;
  readonly key: string;
}

export interface StackOptions {
  /** Where both services log (default: silent, or TEST_LOG_LEVEL). */
  readonly log?: Logger;
  /** Extra environment for the allocation service (e.g. OPD_TLS_* files). */
  readonly allocationEnv?: Readonly<Record<string, string>>;
  /** Extra environment for the reporting service. */
  readonly reportingEnv?: Readonly<Record<string, string>>;
  readonly extraKeys?: readonly ExtraKey[];
  /** Credentials of every client the stack opens (TLS); clients then dial `localhost`. */
  readonly clientCredentials?: grpc.ChannelCredentials;
}

/** How a test client presents itself: any key (or none), over any channel. */
export interface ClientOptions {
  /** The bearer key; undefined sends no authorization metadata. */
  readonly key?: string | undefined;
  readonly credentials?: grpc.ChannelCredentials;
}

/** 07:00 in Kolkata on Friday 27 November 2026, before the OPD opens. */
export const TODAY = '2026-11-27';
/** An instant on `date` from a Kolkata wall-clock time. */
export const ist = (hhmm: string, date = TODAY): Date => new Date(`${date}T${hhmm}:00+05:30`);

export interface Stack {
  readonly clock: ManualClock;
  readonly allocation: RunningAllocation;
  readonly reporting: RunningReporting;
  /** The allocation and reporting databases (for reading rows directly). */
  readonly databaseUrls: { readonly allocation: string; readonly reporting: string };
  /** This stack's own JetStream stream. */
  readonly stream: { readonly name: string; readonly subjectPrefix: string };
  client(role: Exclude<keyof typeof KEYS, 'reporting'>): AllocationClient;
  reports(): ReportingClient;
  /** An allocation client with any key or none, on any channel. */
  allocationAs(options: ClientOptions): AllocationClient;
  /** A reporting client with any key or none, on any channel. */
  reportingAs(options: ClientOptions): ReportingClient;
  stop(): Promise<void>;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const stream = uniqueStream();
  const databases: TestDatabase[] = await Promise.all([
    createTestDatabase('opd_sys_alloc'),
    createTestDatabase('opd_sys_report'),
  ]);
  const [allocationDb, reportingDb] = databases as [TestDatabase, TestDatabase];
  const keys = new ApiKeyStore(
    parseApiKeys(
      [
        ...(Object.entries(KEYS) as [Role, string][]).map(([role, key]) => ({
          name: role,
          role,
          key,
        })),
        ...(options.extraKeys ?? []),
      ]
        .map(({ name, role, key }) => `${name}:${role}:plain=${key}`)
        .join(','),
    ),
  );
  const log =
    options.log ??
    createLogger({
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
      ...options.reportingEnv,
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
      ...options.allocationEnv,
    }),
    clock,
    apiKeys: keys,
    log,
  });
  const clients: { close(): void }[] = [];
  const open = <S extends Parameters<typeof promiseClient>[0]>(
    definition: S,
    port: number,
    { key, credentials = options.clientCredentials }: ClientOptions,
  ) => {
    // A TLS client dials the name the server certificate was issued for.
    const host = credentials ? 'localhost' : '127.0.0.1';
    const client = promiseClient(definition, `${host}:${port}`, {
      ...(key === undefined ? {} : { apiKey: key }),
      ...(credentials ? { credentials } : {}),
      defaultTimeoutMs: 20_000,
    });
    clients.push(client);
    return client;
  };
  return {
    clock,
    allocation,
    reporting,
    databaseUrls: { allocation: allocationDb.url, reporting: reportingDb.url },
    stream,
    client: (role) => open(AllocationServiceService, allocation.port, { key: KEYS[role] }),
    reports: () => open(ReportingServiceService, reporting.port, { key: KEYS.reporting }),
    allocationAs: (client) => open(AllocationServiceService, allocation.port, client),
    reportingAs: (client) => open(ReportingServiceService, reporting.port, client),
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
