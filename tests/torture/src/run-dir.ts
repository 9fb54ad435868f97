// Everything a run owns lives in one temporary directory: PostgreSQL's data, NATS's store, the
// services' logs and a list of the processes it started. A guardian process watches over it and
// cleans up when the run ends, however it ends; a run whose guardian died too is cleaned up by
// the next run.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  alive,
  cleanUpRun,
  PID_FILE,
  readPidFile,
  RUN_MARKER,
  type PidFile,
} from './run-cleanup.js';

export { RUN_MARKER } from './run-cleanup.js';

const PREFIX = 'opd-torture-';
/** In a directory kept on purpose (--keep): the next run leaves it alone. */
const KEPT = 'KEPT';
const GUARDIAN = fileURLToPath(new URL('./guardian.ts', import.meta.url));

export interface RunDir {
  readonly path: string;
  /** Remembers a child's pid (the list is rewritten at once, for the guardian and a reaper). */
  track(pid: number | undefined): Promise<void>;
  /**
   * The end of the run: whatever of it still runs is ended, and the directory is removed
   * unless `keep`.
   */
  close(keep: boolean): Promise<void>;
}

/** Node's options for a helper process: tsx for TypeScript, nothing of jest's. */
export function helperEnv(run: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, [RUN_MARKER]: run };
  delete env['NODE_OPTIONS'];
  return env;
}

function startGuardian(dir: string): Promise<ChildProcess> {
  const guardian = fork(GUARDIAN, [dir], {
    execArgv: ['--conditions=@opd/source', '--import', 'tsx'],
    env: helperEnv(dir),
    // Its own process group: a Ctrl-C meant for the orchestrator does not reach it.
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    guardian.once('message', () => resolve(guardian));
    guardian.once('error', reject);
    guardian.once('exit', (code) => reject(new Error(`the run's guardian exited (${code})`)));
  });
}

export async function createRunDir(): Promise<RunDir> {
  const dir = await mkdtemp(path.join(os.tmpdir(), PREFIX));
  // As root, PostgreSQL runs as the 'postgres' user, who must be able to enter the directory.
  await chmod(dir, 0o755);
  const pids = new Set<number>();
  const write = () =>
    writeFile(
      path.join(dir, PID_FILE),
      JSON.stringify({ owner: process.pid, pids: [...pids] } satisfies PidFile),
    );
  await write();
  const guardian = await startGuardian(dir);
  pids.add(guardian.pid ?? 0);
  await write();
  // The guardian must not keep the orchestrator alive, nor the other way round.
  guardian.unref();
  guardian.channel?.unref();
  return {
    path: dir,
    async track(pid) {
      if (pid === undefined) return;
      pids.add(pid);
      await write();
    },
    async close(keep) {
      if (keep) await writeFile(path.join(dir, KEPT), `kept by pid ${process.pid}\n`);
      if (!guardian.connected) return;
      guardian.ref();
      guardian.channel?.ref();
      const exited = new Promise((resolve) => guardian.once('exit', resolve));
      guardian.send(keep ? 'keep' : 'clean');
      await exited;
    },
  };
}

/**
 * Cleans up after earlier runs whose orchestrator and guardian are both gone (both were
 * killed), and returns their directories.
 */
export async function reapStaleRuns(): Promise<string[]> {
  const reaped: string[] = [];
  const entries = await readdir(os.tmpdir()).catch(() => []);
  for (const name of entries.filter((e) => e.startsWith(PREFIX))) {
    const dir = path.join(os.tmpdir(), name);
    const file = await readPidFile(dir);
    if (file === undefined || alive(file.owner) || existsSync(path.join(dir, KEPT))) continue;
    await cleanUpRun(dir);
    reaped.push(dir);
  }
  return reaped;
}
