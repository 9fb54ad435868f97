// `npm start` as a process manager runs it (issue 12, items 11 and 16): the signal it sends to
// npm alone stops the whole stack, which says so; a port already taken is named with its owner
// before anything starts.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { freePort } from './support/allocation.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ADMIN_URL =
  process.env['OPD_TEST_ADMIN_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const id = randomUUID().replaceAll('-', '').slice(0, 12);
const databases = [`opd_npm_start_${id}`, `opd_npm_start_${id}_reporting`];
const stream = `OPD_NPM_START_${id}`;

afterAll(async () => {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  for (const db of databases) await admin.query(`drop database if exists ${db} with (force)`);
  await admin.end();
  const nc = await connect({ servers: NATS_URL });
  await (await jetstreamManager(nc)).streams.delete(stream).catch(() => false);
  await nc.close();
});

const databaseUrl = (name: string) => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
};

interface NpmStart {
  readonly npm: ChildProcess;
  readonly ports: Record<string, string>;
  output(): string;
}

/** `npm start` in a process group of its own, as a process manager starts it. */
async function npmStart(): Promise<NpmStart> {
  const ports = {
    OPD_GRPC_PORT: String(await freePort()),
    OPD_METRICS_PORT: String(await freePort()),
    OPD_REPORTING_GRPC_PORT: String(await freePort()),
    OPD_REPORTING_METRICS_PORT: String(await freePort()),
  };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...ports,
    DATABASE_URL: databaseUrl(databases[0] ?? ''),
    REPORTING_DATABASE_URL: databaseUrl(databases[1] ?? ''),
    OPD_EVENT_STREAM: stream,
    OPD_EVENT_SUBJECT_PREFIX: `opdnpmstart.${id}`,
    OPD_DEMO: 'false',
  };
  delete env['NODE_OPTIONS'];
  const npm = spawn('npm', ['start'], { cwd: ROOT, env, detached: true, stdio: 'pipe' });
  let output = '';
  for (const stream of [npm.stdout, npm.stderr]) stream?.on('data', (c) => (output += String(c)));
  return { npm, ports, output: () => output };
}

/**
 * `npm start` until its stack is up. A free port found for it may be taken by another suite
 * before the stack binds it (npm start then names it and stops): start again on new ports.
 */
async function stackUp(): Promise<NpmStart> {
  for (let attempt = 1; ; attempt++) {
    const started = await npmStart();
    while (!started.output().includes('OPD stack is up')) {
      if (started.npm.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    if (started.npm.exitCode === null) return started;
    if (attempt === 3 || !started.output().includes('is taken by')) {
      throw new Error(`npm start ended early:\n${started.output()}`);
    }
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

const answers = (port: string) =>
  fetch(`http://127.0.0.1:${port}/healthz`).then(
    () => true,
    () => false,
  );

describe('npm start run by a process manager', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'stops the whole stack when %s reaches npm alone, and says so',
    async (signal) => {
      const started = await stackUp();
      expect(await answers(started.ports.OPD_METRICS_PORT ?? '')).toBe(true);

      started.npm.kill(signal); // npm only, not its process group
      await once(started.npm, 'exit');
      // Nothing of the stack is left in its process group (the last ones may be exiting still).
      while (groupAlive(started.npm.pid ?? 0))
        await new Promise((resolve) => setTimeout(resolve, 100));

      expect(started.output()).toContain(
        `${signal} received: stopping the OPD stack (allocation, reporting)`,
      );
      expect(started.output()).toContain('The OPD stack has stopped.');
      for (const port of [
        started.ports.OPD_METRICS_PORT,
        started.ports.OPD_REPORTING_METRICS_PORT,
      ]) {
        expect(await answers(port ?? '')).toBe(false);
      }
    },
    180_000,
  );

  it('names a port that is taken and the process holding it, before starting anything', async () => {
    const holder = net.createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => holder.listen(port, '127.0.0.1', resolve));
    try {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        OPD_GRPC_PORT: String(port),
        OPD_DEMO: 'false',
      };
      delete env['NODE_OPTIONS'];
      const npm = spawn('npm', ['start'], { cwd: ROOT, env, stdio: 'pipe' });
      let output = '';
      for (const s of [npm.stdout, npm.stderr]) s.on('data', (c) => (output += String(c)));
      const [code] = (await once(npm, 'exit')) as [number];
      expect(code).not.toBe(0);
      expect(output).toContain(
        `Port ${port} (allocation gRPC, OPD_GRPC_PORT) on 127.0.0.1 is taken by pid ${process.pid} (`,
      );
      expect(output).toContain(`choose another port: OPD_GRPC_PORT=<port> npm start`);
      expect(output).not.toContain('OPD stack is up');
    } finally {
      holder.close();
    }
  }, 120_000);
});
