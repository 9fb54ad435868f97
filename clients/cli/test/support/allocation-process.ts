// Starts the real allocation service as a child process (the CLI is a client and may not
// import services): its own fresh PostgreSQL database, its own JetStream stream, free
// ports. Everything is removed again by stop().
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { adminQuery, databaseUrl, startChildService } from './child-service.js';

const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';

export const KEYS = {
  admin: 'cli-test-admin-key',
  counter: 'cli-test-counter-key',
  doctor: 'cli-test-doctor-key',
  reporting: 'cli-test-reporting-key',
} as const;

/** The key list both services of a test accept. */
export const API_KEYS = Object.entries(KEYS)
  .map(([role, key]) => `${role}:${role}:plain=${key}`)
  .join(',');

export interface AllocationProcess {
  /** host:port of the gRPC listener. */
  readonly address: string;
  readonly databaseUrl: string;
  readonly natsUrl: string;
  readonly stream: { readonly name: string; readonly subjectPrefix: string };
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startAllocationProcess(
  env: Readonly<Record<string, string>> = {},
): Promise<AllocationProcess> {
  const id = randomUUID().replaceAll('-', '').slice(0, 12);
  const database = `opd_cli_test_${id}`;
  await adminQuery(`create database ${database}`);
  const stream = { name: `OPD_CLI_TEST_${id}`, subjectPrefix: `opdclitest.${id}` };
  const [grpcPort, metricsPort] = [await freePort(), await freePort()];
  const cleanUp = async () => {
    await adminQuery(`drop database if exists ${database} with (force)`);
    const nc = await connect({ servers: NATS_URL });
    try {
      await (await jetstreamManager(nc)).streams.delete(stream.name).catch(() => false);
    } finally {
      await nc.close();
    }
  };
  const service = await startChildService(
    'services/allocation/src/main.ts',
    {
      DATABASE_URL: databaseUrl(database),
      NATS_URL,
      OPD_MIGRATE_ON_START: 'true',
      OPD_GRPC_PORT: String(grpcPort),
      OPD_METRICS_PORT: String(metricsPort),
      OPD_API_KEYS: API_KEYS,
      OPD_EVENT_STREAM: stream.name,
      OPD_EVENT_SUBJECT_PREFIX: stream.subjectPrefix,
      ...env,
    },
    metricsPort,
  ).catch(async (error: unknown) => {
    await cleanUp();
    throw error;
  });
  return {
    address: `127.0.0.1:${grpcPort}`,
    databaseUrl: databaseUrl(database),
    natsUrl: NATS_URL,
    stream,
    async stop() {
      await service.stop();
      await cleanUp();
    },
  };
}
