// A primary and a synchronous streaming standby of our own (Debian's PostgreSQL binaries, on
// free ports): connections given both hosts use the primary, and after the primary is killed and
// the standby promoted they use the new primary, which has every acknowledged write.
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { isDatabaseUnavailable } from './database-unavailable.js';
import { newPostgresClient, postgresConnectionConfig } from './postgres-target.js';
import { baseBackup, initPrimary, PostgresProcess, promote } from './testing/postgres-cluster.js';

let dir: string;
let primary: PostgresProcess;
let standby: PostgresProcess;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function queryOn(url: string, sql: string): Promise<pg.QueryResultRow[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'opd-failover-'));
  primary = new PostgresProcess(path.join(dir, 'primary'), await freePort(), {
    synchronous: true,
  });
  initPrimary(primary.dataDir);
  await primary.start();
  standby = new PostgresProcess(path.join(dir, 'standby'), await freePort());
  baseBackup(primary.port, standby.dataDir);
  await standby.start();
  // Not before: a synchronous primary's commits wait for a standby.
  await queryOn(primary.url('postgres'), 'create database failover');
  // Synchronous from here on: a commit returns once the standby has it on disk.
  for (let i = 0; ; i++) {
    const rows = await queryOn(
      primary.url('postgres'),
      'select sync_state from pg_stat_replication',
    );
    if (rows[0]?.['sync_state'] === 'sync') break;
    if (i > 100) throw new Error('the standby never became synchronous');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 120_000);

afterAll(async () => {
  await primary?.kill();
  await standby?.kill();
  await rm(dir, { recursive: true, force: true });
});

/** Both hosts, the standby first: the order must not matter. */
const bothHosts = () =>
  `postgres://postgres@127.0.0.1:${standby.port},127.0.0.1:${primary.port}/failover?target_session_attrs=read-write`;

describe('a connection given a primary and its standby', () => {
  it('goes to the primary, whichever host the URL names first', async () => {
    const client = newPostgresClient(bothHosts());
    await client.connect();
    const { rows } = await client.query<{ port: string; standby: boolean }>(
      "select current_setting('port') as port, pg_is_in_recovery() as standby",
    );
    await client.end();

    expect(rows[0]).toEqual({ port: String(primary.port), standby: false });
  });

  it('follows the promoted standby, which has every write it acknowledged', async () => {
    const pool = new pg.Pool({ ...postgresConnectionConfig(bothHosts()), max: 4 });
    const failures: unknown[] = [];
    pool.on('error', (error) => failures.push(error));
    await pool.query('create table visit (n int primary key)');
    const acknowledged: number[] = [];
    await Promise.all(
      Array.from({ length: 4 }, async (_, lane) => {
        for (let n = lane; n < 200; n += 4) {
          await pool.query('insert into visit values ($1)', [n]);
          acknowledged.push(n);
        }
      }),
    );

    await primary.kill();
    const killedAt = Date.now();
    // Until the standby is promoted there is no primary: the calls fail as "unavailable".
    const meanwhile = await pool.query('select 1').catch((error: unknown) => error);
    expect(isDatabaseUnavailable(meanwhile)).toBe(true);
    await promote(standby.port);

    let rows: { port: string; visits: number }[] = [];
    for (let attempt = 1; rows.length === 0; attempt++) {
      try {
        await pool.query('insert into visit values (1000)');
        rows = (
          await pool.query<{ port: string; visits: number }>(
            "select current_setting('port') as port, count(*)::int as visits from visit",
          )
        ).rows;
      } catch (error) {
        expect(isDatabaseUnavailable(error)).toBe(true);
        if (attempt > 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    await pool.end();

    expect(acknowledged).toHaveLength(200);
    expect(rows).toEqual([{ port: String(standby.port), visits: 201 }]);
    // Writing again within seconds of the kill (the promotion's own time included).
    expect(Date.now() - killedAt).toBeLessThan(30_000);
  }, 60_000);

  it('says there is no primary when no host is one', async () => {
    const nobody = await freePort();
    const url = `postgres://postgres@127.0.0.1:${nobody},127.0.0.1:${nobody + 1}/failover`;
    const client = newPostgresClient(url);
    client.on('error', () => undefined);

    const error = await client.connect().catch((e: unknown) => e);

    expect(error).toMatchObject({ code: '08001' });
    expect(String(error)).toMatch(
      /no PostgreSQL primary among 127\.0\.0\.1:\d+,127\.0\.0\.1:\d+\/failover/,
    );
    expect(isDatabaseUnavailable(error)).toBe(true);
  });
});
