// Starts a real allocation service (gRPC on a free port, its own PostgreSQL database, a driven
// clock) and hands out promise clients per role. No mocks: everything goes through gRPC.
import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { AllocationServiceService, promiseClient, type PromiseClient } from '@opd/api';
import { ApiKeyStore, createLogger, parseApiKeys, type Role } from '@opd/service-runtime';
import { startAllocationService, type RunningAllocation } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { loadAllocationConfig } from '../../src/config.js';
import { migrate, openDatabase } from '../../src/db/orm.js';
import { createTestDatabase, type TestDatabase } from '@opd/service-runtime/testing';
import { uniqueStream } from '@opd/event-stream/testing';

export type AllocationClient = PromiseClient<typeof AllocationServiceService>;

export const KEYS: Readonly<Record<Role, string>> = {
  counter: 'counter-key-for-tests',
  doctor: 'doctor-key-for-tests',
  admin: 'admin-key-for-tests',
  integration: 'integration-key-for-tests',
  reporting: 'reporting-key-for-tests',
};

export interface Harness {
  readonly app: RunningAllocation;
  readonly clock: ManualClock;
  readonly db: TestDatabase;
  readonly address: string;
  /** The test's own JetStream stream and subject prefix. */
  readonly stream: { readonly name: string; readonly subjectPrefix: string };
  client(role: Role | undefined): AllocationClient;
  stop(): Promise<void>;
}

/** 07:00 in Kolkata on Friday 27 November 2026, before the OPD opens. */
export const MORNING = new Date('2026-11-27T01:30:00Z');
export const TODAY = '2026-11-27';

/** An instant on TODAY from a Kolkata wall-clock time. */
export const ist = (hhmm: string, date = TODAY): Date => new Date(`${date}T${hhmm}:00+05:30`);

export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const db = await createTestDatabase('opd_alloc_test');
  const orm = await openDatabase({ url: db.url });
  await migrate(orm);
  await orm.close();
  const clock = new ManualClock(MORNING.getTime());
  const stream = uniqueStream();
  const keys = new ApiKeyStore(
    parseApiKeys(
      Object.entries(KEYS)
        .map(([role, key]) => `${role}:${role}:plain=${key}`)
        .join(','),
    ),
  );
  const config = loadAllocationConfig({
    DATABASE_URL: db.url,
    DATABASE_POOL_MAX: '20',
    OPD_GRPC_PORT: '0',
    OPD_METRICS_PORT: '0',
    OPD_SWEEP_INTERVAL_MS: '0',
    OPD_EVENT_STREAM: stream.name,
    OPD_EVENT_SUBJECT_PREFIX: stream.subjectPrefix,
    ...env,
  });
  const app = await startAllocationService({
    config,
    clock,
    apiKeys: keys,
    log: createLogger({
      name: 'allocation-test',
      level: process.env['TEST_LOG_LEVEL'] ?? 'silent',
    }),
  });
  const address = `127.0.0.1:${app.port}`;
  const clients: AllocationClient[] = [];
  return {
    app,
    clock,
    db,
    address,
    stream,
    client(role) {
      const c = promiseClient(AllocationServiceService, address, {
        ...(role ? { apiKey: KEYS[role] } : {}),
        defaultTimeoutMs: 90_000,
      });
      clients.push(c);
      return c;
    },
    async stop() {
      clients.forEach((c) => c.close());
      await app.stop(1_000);
      await db.drop();
      await deleteStream(stream.name);
    },
  };
}

/**
 * A second allocation instance on the harness's database and stream, with the same clock: what
 * two instances behind a load balancer look like.
 */
export async function startAnotherInstance(
  h: Harness,
): Promise<{ client(role: Role): AllocationClient; stop(): Promise<void> }> {
  const app = await startAllocationService({
    config: loadAllocationConfig({
      DATABASE_URL: h.db.url,
      DATABASE_POOL_MAX: '10',
      OPD_GRPC_PORT: '0',
      OPD_METRICS_PORT: '0',
      OPD_SWEEP_INTERVAL_MS: '0',
      OPD_EVENT_STREAM: h.stream.name,
      OPD_EVENT_SUBJECT_PREFIX: h.stream.subjectPrefix,
    }),
    clock: h.clock,
    apiKeys: new ApiKeyStore(
      parseApiKeys(
        Object.entries(KEYS)
          .map(([role, key]) => `${role}:${role}:plain=${key}`)
          .join(','),
      ),
    ),
    log: createLogger({
      name: 'allocation-test-2',
      level: process.env['TEST_LOG_LEVEL'] ?? 'silent',
    }),
  });
  const clients: AllocationClient[] = [];
  return {
    client(role) {
      const c = promiseClient(AllocationServiceService, `127.0.0.1:${app.port}`, {
        apiKey: KEYS[role],
        defaultTimeoutMs: 90_000,
      });
      clients.push(c);
      return c;
    },
    async stop() {
      clients.forEach((c) => c.close());
      await app.stop(1_000);
    },
  };
}

async function deleteStream(name: string): Promise<void> {
  const nc = await connect({ servers: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222' });
  try {
    await (await jetstreamManager(nc)).streams.delete(name).catch(() => undefined);
  } finally {
    await nc.close();
  }
}

/** A new idempotency key. */
export const rid = (): string => randomUUID();

let phoneCounter = 0;
/** A valid, unique Indian mobile number for a made-up patient. */
export function phone(): string {
  phoneCounter += 1;
  return `98${String(process.pid % 1000).padStart(3, '0')}${String(phoneCounter).padStart(5, '0')}`;
}
