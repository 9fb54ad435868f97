// The machine's own limit for the allocation transaction: pgbench running the same statements
// (tools/bench/pgbench-allocation.sql) on the same PostgreSQL server, on the real schema.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { summarise, type LatencySummary } from './stats.js';

const run = promisify(execFile);
const SCRIPT = path.join(import.meta.dirname, 'pgbench-allocation.sql');

/** Adds what the pgbench script needs to a migrated allocation database: numbered doctor-days. */
export async function preparePgbench(url: string, doctorDayIds: readonly string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('alter table doctor_day add column if not exists bench_n int unique');
    await client.query('create sequence if not exists bench_phone');
    for (const [i, id] of doctorDayIds.entries()) {
      await client.query('update doctor_day set bench_n = $1 where id = $2', [i + 1, id]);
    }
  } finally {
    await client.end();
  }
}

/** Runs pgbench for `seconds` with `clients` connections over doctor-days `first`..`last`. */
export async function runPgbench(
  url: string,
  clients: number,
  seconds: number,
  days: { first: number; last: number },
): Promise<LatencySummary> {
  const dir = await mkdtemp(path.join(tmpdir(), 'opd-pgbench-'));
  try {
    const { hostname, port, username, pathname } = new URL(url);
    await run(
      'pgbench',
      [
        '-n',
        '-h',
        hostname,
        '-p',
        port || '5432',
        '-U',
        username || 'postgres',
        '-c',
        String(clients),
        '-j',
        String(Math.min(clients, 2)),
        '-T',
        String(seconds),
        '-D',
        `first=${days.first}`,
        '-D',
        `last=${days.last}`,
        '-f',
        SCRIPT,
        '-l',
        '--log-prefix',
        path.join(dir, 'tx'),
        pathname.slice(1),
      ],
      { cwd: dir, maxBuffer: 16 * 1024 * 1024 },
    );
    // Per-transaction log lines: client_id transaction_no time_us script_no time_epoch time_us
    const latencies: number[] = [];
    for (const file of await readdir(dir)) {
      for (const line of (await readFile(path.join(dir, file), 'utf8')).split('\n')) {
        const micros = Number(line.split(' ')[2]);
        if (Number.isFinite(micros) && line) latencies.push(micros / 1000);
      }
    }
    return summarise(latencies, seconds);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
