// One service as a child process, run from its TypeScript sources like `npm start` does,
// healthy once its /healthz answers 200 (database and broker reachable).
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const ADMIN_URL =
  process.env['OPD_TEST_ADMIN_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ChildService {
  stop(): Promise<void>;
}

/** Runs SQL on the server's `postgres` database (creating and dropping test databases). */
export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The URL of database `name` on the test server. */
export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function ready(child: ChildProcess, metricsPort: number, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the service exited early:\n${log()}`);
    const ok = await fetch(`http://127.0.0.1:${metricsPort}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the service did not become healthy within 60 s:\n${log()}`);
}

/** Starts `entry` with `env` and resolves once it is healthy; stop() ends it (SIGTERM). */
export async function startChildService(
  entry: string,
  env: Readonly<Record<string, string>>,
  metricsPort: number,
): Promise<ChildService> {
  // jest's --experimental-vm-modules is for the test runner, not for the service.
  const inherited = { ...process.env };
  delete inherited['NODE_OPTIONS'];
  const child = spawn(process.execPath, ['--conditions=@opd/source', '--import', 'tsx', entry], {
    cwd: REPO_ROOT,
    env: { ...inherited, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await ready(child, metricsPort, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}
