// A real allocation service for the stack's tests, run the way `npm start` runs it (as a
// child process from sources) on a fresh database, its own JetStream stream and free ports.
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { ServiceProcess } from '../../service-process.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const ADMIN_URL =
  process.env['OPD_TEST_ADMIN_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
export const ADMIN_KEY = 'stack-test-admin-key';

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

export interface TestAllocation {
  readonly address: string;
  stop(): Promise<void>;
}

export async function startAllocation(env: Record<string, string> = {}): Promise<TestAllocation> {
  const id = randomUUID().replaceAll('-', '').slice(0, 12);
  const database = `opd_stack_test_${id}`;
  const stream = `OPD_STACK_TEST_${id}`;
  await admin(`create database ${database}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  const [port, metricsPort] = [await freePort(), await freePort()];
  // jest's --experimental-vm-modules is for the test runner, not for the service.
  delete process.env['NODE_OPTIONS'];
  const service = new ServiceProcess(
    {
      name: 'allocation',
      entry: 'services/allocation/src/main.ts',
      metricsPort,
      env: {
        DATABASE_URL: url.toString(),
        NATS_URL,
        OPD_GRPC_PORT: String(port),
        OPD_METRICS_PORT: String(metricsPort),
        OPD_API_KEYS: `admin:admin:plain=${ADMIN_KEY}`,
        OPD_MIGRATE_ON_START: 'true',
        OPD_EVENT_STREAM: stream,
        OPD_EVENT_SUBJECT_PREFIX: `opdstacktest.${id}`,
        LOG_LEVEL: 'warn',
        ...env,
      },
    },
    ROOT,
  );
  const stop = async () => {
    await service.stop();
    await admin(`drop database if exists ${database} with (force)`);
    const nc = await connect({ servers: NATS_URL });
    await (await jetstreamManager(nc)).streams.delete(stream).catch(() => false);
    await nc.close();
  };
  try {
    await service.ready(60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { address: `127.0.0.1:${port}`, stop };
}
