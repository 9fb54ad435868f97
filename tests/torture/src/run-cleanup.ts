// Ends every process a run started and removes its directory. Used by the run's guardian (when
// the run ends, however it ends) and by the next run for a run whose guardian is gone too.
// A process is ended only when it is provably the run's: it carries the run's marker in its
// environment or names the run's directory on its command line (pids get reused).
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';

/** Set in every child's environment, so a process can be recognised as this run's. */
export const RUN_MARKER = 'OPD_TORTURE_RUN';
export const PID_FILE = 'pids.json';

export interface PidFile {
  /** The orchestrator: while it lives, the run is not abandoned. */
  readonly owner: number;
  readonly pids: readonly number[];
}

export const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function belongsTo(pid: number, dir: string): Promise<boolean> {
  const environ = await readFile(`/proc/${pid}/environ`, 'latin1').catch(() => '');
  if (environ.split('\0').includes(`${RUN_MARKER}=${dir}`)) return true;
  // PostgreSQL rewrites its environment area for `ps`; its command line names the data dir.
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'latin1').catch(() => '');
  return cmdline.split('\0').some((arg) => arg.startsWith(`${dir}/`));
}

const signal = (pid: number, name: NodeJS.Signals) => {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitGone(pids: readonly number[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (pids.some(alive)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

export async function readPidFile(dir: string): Promise<PidFile | undefined> {
  const text = await readFile(path.join(dir, PID_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as PidFile;
  } catch {
    return undefined;
  }
}

/** The run's PostgreSQL data directories: the single server's, or the cluster run's two. */
const POSTGRES_DIRS = ['postgres', 'pg-primary', 'pg-standby'];

/** The postmasters of the run's PostgreSQL servers, from their own pid files. */
async function postmastersOf(dir: string): Promise<number[]> {
  const pids: number[] = [];
  for (const data of POSTGRES_DIRS) {
    const text = await readFile(path.join(dir, data, 'postmaster.pid'), 'utf8').catch(() => '');
    const pid = Number(text.split('\n')[0]);
    if (Number.isInteger(pid) && pid > 0) pids.push(pid);
  }
  return pids;
}

/**
 * Ends the run's processes (SIGKILL for the services, NATS and the PostgreSQL helper; an
 * immediate shutdown for PostgreSQL, so its backends go too) and, unless `keep`, removes the
 * directory. Returns what it ended.
 */
export async function cleanUpRun(dir: string, keep = false): Promise<number[]> {
  const ended: number[] = [];
  const tracked = (await readPidFile(dir))?.pids ?? [];
  for (const pid of tracked.filter((p) => p !== process.pid)) {
    if (alive(pid) && (await belongsTo(pid, dir))) {
      signal(pid, 'SIGKILL');
      ended.push(pid);
    }
  }
  for (const postmaster of await postmastersOf(dir)) {
    if (!alive(postmaster) || !(await belongsTo(postmaster, dir))) continue;
    signal(postmaster, 'SIGQUIT');
    if (!(await waitGone([postmaster], 10_000))) signal(postmaster, 'SIGKILL');
    ended.push(postmaster);
  }
  await waitGone(ended, 10_000);
  if (!keep) {
    // A backend may still be writing for a moment after its postmaster went.
    for (let attempt = 1; attempt <= 5; attempt++) {
      try {
        await rm(dir, { recursive: true, force: true });
        break;
      } catch (error) {
        if (attempt === 5) throw error;
        await sleep(200 * attempt);
      }
    }
  }
  return ended;
}
