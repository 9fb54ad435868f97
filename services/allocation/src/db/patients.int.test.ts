import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@opd/service-runtime/testing';
import { migrate, openDatabase } from './orm.js';
import { findOrCreatePatient } from './patients.js';
import { query } from './sql.js';

let db: TestDatabase;
let orm: MikroORM;

beforeAll(async () => {
  db = await createTestDatabase('opd_alloc_test');
  orm = await openDatabase({ url: db.url });
  await migrate(orm);
});
afterAll(async () => {
  await orm.close();
  await db.drop();
});

describe('registering a patient by phone', () => {
  it('finds the row another counter registered while this registration waited for it', async () => {
    const phone = `+9198450${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`;
    const first = randomUUID();
    let release: () => void = () => undefined;
    const firstHolds = new Promise<void>((resolve) => (release = resolve));
    let registered: () => void = () => undefined;
    const firstInserted = new Promise<void>((resolve) => (registered = resolve));

    // The first counter inserts the number and keeps its transaction open...
    const firstCounter = orm.em.fork().transactional(async (em) => {
      await findOrCreatePatient(em, phone, 'First Counter', first, new Date());
      registered();
      await firstHolds;
    });
    await firstInserted;
    // ...while the second registers the same number: its insert waits on the first's row.
    const secondCounter = orm.em
      .fork()
      .transactional((em) =>
        findOrCreatePatient(em, phone, 'Second Counter', randomUUID(), new Date()),
      );
    await waitUntilBlocked(phone);
    release();
    await firstCounter;

    expect(await secondCounter).toEqual({ id: first, name: 'First Counter' });
  });
});

/** Until some backend waits on a lock while inserting this phone number. */
async function waitUntilBlocked(phone: string): Promise<void> {
  for (let tries = 0; tries < 400; tries++) {
    const rows = await query<{ n: string }>(
      orm.em.fork(),
      `select count(*) as n from pg_stat_activity
        where wait_event_type = 'Lock' and datname = current_database() and query like '%insert into patient%'`,
      [],
    );
    if (Number(rows[0]?.n) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the second registration of ${phone.slice(0, 4)}… never waited on the first`);
}
