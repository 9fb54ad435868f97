// A database restart cuts every connection, some in the middle of a transaction. Those
// transactions fail, and their connections must go back to the pool, or after a few restarts
// the service has none left and answers nothing.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MikroORM } from '@mikro-orm/postgresql';
import { releaseDeadConnections } from '@opd/service-runtime';
import { createTestDatabase, type TestDatabase } from '@opd/service-runtime/testing';
import pg from 'pg';
import { openDatabase } from './orm.js';
import { query } from './sql.js';

let db: TestDatabase;
let orm: MikroORM;

beforeAll(async () => {
  db = await createTestDatabase('opd_alloc_test');
  // One connection: a single leak would leave nothing for the next transaction.
  orm = await openDatabase({ url: db.url, poolMax: 1 });
});
afterAll(async () => {
  await orm.close();
  await db.drop();
});

async function terminate(pid: number): Promise<void> {
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  await admin.query('select pg_terminate_backend($1)', [pid]);
  await admin.end();
}

describe('a transaction whose connection the database cut', () => {
  it('fails, and gives its connection back, three times over', async () => {
    for (let restart = 1; restart <= 3; restart++) {
      const cut = orm.em.fork().transactional(async (em) => {
        const [row] = await query<{ pid: number }>(em, 'select pg_backend_pid() as pid', []);
        await terminate(Number(row?.pid));
        await query(em, 'select 1', []);
      });
      await expect(cut).rejects.toThrow();

      const next = orm.em
        .fork()
        .transactional((em) => query<{ ok: number }>(em, 'select 1 as ok', []));
      expect(await withTimeout(next, 10_000)).toEqual([{ ok: 1 }]);
    }
  });
});

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no connection within ${ms} ms: one leaked`)), ms).unref(),
    ),
  ]);
}

describe('a BEGIN on a connection the database cut', () => {
  it('fails, and the pool discards the connection (kysely would never release it)', async () => {
    const pool = new pg.Pool({ connectionString: db.url, max: 1 });
    releaseDeadConnections(pool);
    pool.on('error', () => undefined);
    const client = await pool.connect();
    client.on('error', () => undefined);
    const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
    const ended = new Promise((resolve) => client.once('end', resolve));
    await terminate(Number(rows[0]?.pid));
    await ended;

    await expect(client.query('begin')).rejects.toThrow();

    expect(pool.totalCount).toBe(0);
    expect((await pool.query<{ ok: number }>('select 1 as ok')).rows).toEqual([{ ok: 1 }]);
    await pool.end();
  });
});
