import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { captureLog, createTestDatabase, type TestDatabase } from '@opd/service-runtime/testing';
import pg from 'pg';
import { openConsumerPool } from './pg-pool.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('opd_report_test');
});
afterAll(async () => {
  await db.drop();
});

describe('the consumer pool', () => {
  it('survives the database ending a connection it has handed out (a restart), and says so', async () => {
    const { log, entries } = captureLog('warn');
    const pool = openConsumerPool(db.url, 2, log);
    const held = await pool.connect();
    const { rows } = await held.query<{ pid: number }>('select pg_backend_pid() as pid');
    const ended = new Promise((resolve) => held.once('end', resolve));

    // What a PostgreSQL restart does to every connection, while this one is checked out and idle.
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    await admin.query('select pg_terminate_backend($1)', [rows[0]?.pid]);
    await admin.end();
    await ended;
    held.release(true);

    expect(entries().map((e) => e['msg'])).toContain('a read model connection failed');
    // The pool goes on with a new connection.
    expect((await pool.query<{ ok: number }>('select 1 as ok')).rows).toEqual([{ ok: 1 }]);
    await pool.end();
  });
});
