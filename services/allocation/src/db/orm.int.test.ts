import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LockMode, type MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@opd/service-runtime/testing';
import { Doctor, DoctorDay } from './entities/index.js';
import { migrate, openDatabase } from './orm.js';

let db: TestDatabase;
let orm: MikroORM;
const statements: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase('opd_alloc_test');
  orm = await openDatabase({ url: db.url, logQuery: (sql) => statements.push(sql) });
  await migrate(orm);
});
afterAll(async () => {
  await orm.close();
  await db.drop();
});

describe('the allocation database', () => {
  it('locks a doctor-day row with select … for update inside a transaction', async () => {
    const doctorId = randomUUID();
    const em = orm.em.fork();
    const now = new Date();
    em.create(Doctor, {
      id: doctorId,
      displayName: 'Dr A',
      department: 'ENT',
      weeklySchedule: { days: [] },
      active: true,
      createdAt: now,
      updatedAt: now,
    });
    em.create(DoctorDay, {
      id: randomUUID(),
      doctorId,
      date: '2026-11-27',
      timeZone: 'Asia/Kolkata',
      dayStartsAt: now,
      nextTokenNumber: 1,
      nextEntryNumber: 1,
      eventSequence: 0,
      createdAt: now,
    });
    await em.flush();
    statements.length = 0;
    const day = await orm.em
      .fork()
      .transactional(async (tx) =>
        tx.findOneOrFail(
          DoctorDay,
          { doctorId, date: '2026-11-27' },
          { lockMode: LockMode.PESSIMISTIC_WRITE },
        ),
      );
    expect(statements.join('\n')).toMatch(/for update/i);
    expect(day.date).toBe('2026-11-27');
    expect(day.eventSequence).toBe(0);
  });

  it('finds the audit entry of a retried request by an index, not by reading the whole trail', async () => {
    const plan = await orm.em.fork().transactional(async (em) => {
      await em.execute('set local enable_seqscan = off');
      return em.execute<{ 'QUERY PLAN': string }[]>(
        `explain select * from audit_entry
          where key_name = 'counter-1' and request_id = 'r-1' and replayed = false and outcome_code = 0`,
      );
    });
    expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain('audit_entry_request_idx');
  });
});
