import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@opd/service-runtime/testing';
import { nameKey } from '../patient-name.js';
import { beginBatch, prepareBatchStatements, type OpenBatchInput } from './batch-statements.js';
import { migrate, openDatabase } from './orm.js';

let db: TestDatabase;
let orm: MikroORM;
let pool: pg.Pool;

beforeAll(async () => {
  db = await createTestDatabase('opd_alloc_test');
  orm = await openDatabase({ url: db.url });
  await migrate(orm);
  pool = new pg.Pool({ connectionString: db.url, max: 4 });
  pool.on('connect', (client) => void prepareBatchStatements(client));
});
afterAll(async () => {
  await pool.end();
  await orm.close();
  await db.drop();
});

const uniquePhone = () => `+9198450${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`;

function registering(phone: string, name: string): OpenBatchInput {
  return {
    doctorId: randomUUID(), // no such doctor: the batch stops after registering patients
    date: '2026-12-04',
    lockTimeoutMs: 5_000,
    requests: [],
    newPatients: [
      {
        id: randomUUID(),
        phone,
        name,
        name_key: nameKey(name),
        created_at: new Date().toISOString(),
      },
    ],
    patientIds: [],
  };
}

/** A batch's first round trip (BEGIN and the opening statement), then COMMIT. */
async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    const result = await work(client);
    await client.query('commit');
    return result;
  } finally {
    client.release();
  }
}

describe('registering patients before a batch takes its doctor-day lock', () => {
  it('finds the patient another counter registered while this registration waited for it', async () => {
    const phone = uniquePhone();
    let release: () => void = () => undefined;
    const firstHolds = new Promise<void>((resolve) => (release = resolve));
    let registered: () => void = () => undefined;
    const firstInserted = new Promise<void>((resolve) => (registered = resolve));

    // The first counter registers Asha and keeps its transaction open...
    const firstCounter = inTransaction(async (client) => {
      const opened = await beginBatch(client, registering(phone, 'Asha Rao'));
      registered();
      await firstHolds;
      return opened;
    });
    await firstInserted;
    // ...while the second registers her too, spelt differently: its insert waits on the first.
    const secondCounter = inTransaction((client) =>
      beginBatch(client, registering(phone, 'asha  RAO')),
    );
    await waitUntilBlocked();
    release();
    const [first, second] = await Promise.all([firstCounter, secondCounter]);

    expect(first.patients).toHaveLength(1);
    expect(second.patients).toEqual(first.patients);
    expect(first.doctor).toBeNull();
  });

  it('registers a second patient on a phone a family shares', async () => {
    const phone = uniquePhone();
    const mother = await inTransaction((c) => beginBatch(c, registering(phone, 'Meena Iyer')));
    const child = await inTransaction((c) => beginBatch(c, registering(phone, 'Kavya Iyer')));
    expect(child.patients[0]?.id).not.toBe(mother.patients[0]?.id);
    const rows = await pool.query('select name from patient where phone = $1 order by name', [
      phone,
    ]);
    expect(rows.rows.map((r: { name: string }) => r.name)).toEqual(['Kavya Iyer', 'Meena Iyer']);
  });
});

/** Until some backend waits on a lock while inserting a patient. */
async function waitUntilBlocked(): Promise<void> {
  for (let tries = 0; tries < 400; tries++) {
    const rows = await pool.query<{ n: string }>(
      `select count(*) as n from pg_stat_activity
        where wait_event_type = 'Lock' and datname = current_database()
          and query like '%opd_open_batch%'`,
    );
    if (Number(rows.rows[0]?.n) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the second registration never waited on the first');
}
