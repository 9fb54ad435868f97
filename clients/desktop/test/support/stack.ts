// The real services for one test file: allocation and reporting as child
// processes on their own databases and their own JetStream stream. No mocks anywhere.
import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import {
  AllocationServiceService,
  ReportingServiceService,
  promiseClient,
  type PromiseClient,
} from '@opd/api';
import { createDatabase, type TestDatabase } from './database.js';
import { TIME_ZONE } from './fixtures.js';
import { startServiceProcess, type ServiceProcess } from './service-process.js';

export const KEYS = {
  counter: 'desktop-test-counter-key',
  doctor: 'desktop-test-doctor-key',
  admin: 'desktop-test-admin-key',
  reporting: 'desktop-test-reporting-key',
} as const;
export type Role = keyof typeof KEYS;

const REPORTING_MAIN = 'services/reporting/src/main.ts';

const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';

export type AllocationClient = PromiseClient<typeof AllocationServiceService>;
export type ReportingClient = PromiseClient<typeof ReportingServiceService>;

export interface Stack {
  readonly allocationAddress: string;
  readonly reportingAddress: string | null;
  allocation(role: Role): AllocationClient;
  reporting(role: Role): ReportingClient;
  /** Stops the allocation service only (the service is away; clients keep retrying). */
  stopAllocation(): Promise<void>;
  stop(): Promise<void>;
}

async function deleteStream(name: string): Promise<void> {
  const nc = await connect({ servers: NATS_URL });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(name).catch(() => undefined);
  } finally {
    await nc.close();
  }
}

export interface StackOptions {
  readonly reporting: boolean;
  /** The hospital's zone (default the fixtures' zone, where it is about noon). */
  readonly timeZone?: string;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const id = randomUUID().replaceAll('-', '').slice(0, 12);
  const stream = { name: `OPD_DESKTOP_TEST_${id}`, subjectPrefix: `opddesktop.${id}` };
  const common = {
    NATS_URL,
    OPD_MIGRATE_ON_START: 'true',
    OPD_API_KEYS: Object.entries(KEYS)
      .map(([role, key]) => `${role}:${role}:plain=${key}`)
      .join(','),
    OPD_EVENT_STREAM: stream.name,
    OPD_EVENT_SUBJECT_PREFIX: stream.subjectPrefix,
    OPD_TIME_ZONE: options.timeZone ?? TIME_ZONE,
  };
  const databases: TestDatabase[] = [];
  const processes: ServiceProcess[] = [];
  const clients: { close(): void }[] = [];
  const stop = async () => {
    clients.forEach((c) => c.close());
    await Promise.all(processes.map((p) => p.stop()));
    await Promise.all(databases.map((d) => d.drop()));
    await deleteStream(stream.name);
  };
  try {
    const allocationDb = await createDatabase('opd_desktop_alloc');
    databases.push(allocationDb);
    const allocation = await startServiceProcess('allocation', 'services/allocation/src/main.ts', {
      ...common,
      DATABASE_URL: allocationDb.url,
      OPD_GRPC_PORT: '0',
      OPD_METRICS_PORT: '0',
      OPD_SWEEP_INTERVAL_MS: '0',
    });
    processes.push(allocation);
    let reporting: ServiceProcess | null = null;
    if (options.reporting) {
      const reportingDb = await createDatabase('opd_desktop_report');
      databases.push(reportingDb);
      reporting = await startServiceProcess('reporting', REPORTING_MAIN, {
        ...common,
        REPORTING_DATABASE_URL: reportingDb.url,
        OPD_REPORTING_GRPC_PORT: '0',
        OPD_REPORTING_METRICS_PORT: '0',
        OPD_REPORTING_CONSUMER: `desktop-test-${id}`,
      });
      processes.push(reporting);
    }
    const allocationAddress = `127.0.0.1:${allocation.port}`;
    const reportingAddress = reporting ? `127.0.0.1:${reporting.port}` : null;
    return {
      allocationAddress,
      reportingAddress,
      allocation(role) {
        const client = promiseClient(AllocationServiceService, allocationAddress, {
          apiKey: KEYS[role],
          defaultTimeoutMs: 10_000,
        });
        clients.push(client);
        return client;
      },
      reporting(role) {
        if (!reportingAddress) throw new Error('the reporting service is not running');
        const client = promiseClient(ReportingServiceService, reportingAddress, {
          apiKey: KEYS[role],
          defaultTimeoutMs: 10_000,
        });
        clients.push(client);
        return client;
      },
      stopAllocation: () => allocation.stop(),
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
