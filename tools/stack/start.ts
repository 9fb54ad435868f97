// `npm start`: the whole stack on one machine, from a fresh clone after `npm ci`.
// Uses DATABASE_URL / NATS_URL when set, else the local servers; creates the database if
// missing; runs every service with migrations applied; Ctrl-C stops everything cleanly.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import pg from 'pg';
import { DEV_KEYS, devKeySpec } from './dev-keys.js';

const DATABASE_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/opd';
const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';

async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `no PostgreSQL answers at ${target.host} (${(error as Error).message}). Start one, or set DATABASE_URL.`,
    );
  }
  const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
  if (exists.rowCount === 0) await client.query(`create database "${name.replaceAll('"', '')}"`);
  await client.end();
}

function natsAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url.replace(/^nats:/, 'http:'));
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 4222) });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

function run(name: string, entry: string, env: Record<string, string>): ChildProcess {
  const child = spawn('npx', ['tsx', '--conditions=@opd/source', entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} exited (${signal ?? code}); stopping the stack`);
      stopAll(1);
    }
  });
  return child;
}

let stopping = false;
const children: ChildProcess[] = [];
function stopAll(code = 0): void {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  Promise.all(
    children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))),
  ).then(() => process.exit(code));
}

await ensureDatabase(DATABASE_URL);
if (!(await natsAnswers(NATS_URL))) {
  console.error(
    `no NATS answers at ${NATS_URL}. Start one with JetStream, e.g.\n` +
      `  nats-server -js -sd ./.data/nats -p 4222\n` +
      `or: docker run -p 4222:4222 nats:2.10-alpine -js — or set NATS_URL.`,
  );
  process.exit(1);
}

const common = {
  DATABASE_URL,
  NATS_URL,
  OPD_API_KEYS: process.env['OPD_API_KEYS'] ?? devKeySpec(),
  OPD_MIGRATE_ON_START: 'true',
};
children.push(
  run('allocation', 'services/allocation/src/main.ts', {
    ...common,
    OPD_GRPC_PORT: process.env['OPD_GRPC_PORT'] ?? '50051',
  }),
);

console.log(
  [
    'OPD stack starting:',
    `  allocation  gRPC 127.0.0.1:${process.env['OPD_GRPC_PORT'] ?? '50051'}  metrics http://127.0.0.1:9464/metrics`,
    `  database    ${DATABASE_URL.replace(/\/\/[^@]*@/, '//')}`,
    `  events      ${NATS_URL} (stream OPD_EVENTS, subjects opd.v1.events.>)`,
    `  dev API keys: ${Object.entries(DEV_KEYS)
      .map(([role, key]) => `${role}=${key}`)
      .join(' ')}`,
    'Ctrl-C stops everything.',
  ].join('\n'),
);
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
