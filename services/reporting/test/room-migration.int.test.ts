// The room's migration runs on a read model that already holds a year of tokens: every row
// must come through it as it was.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createTestDatabase, type TestDatabase } from '@opd/service-runtime/testing';
import { migrate, openDatabase } from '../src/db/orm.js';
import { insertBulkTokens } from './support/bulk-tokens.js';

let db: TestDatabase;
let orm: MikroORM;

beforeAll(async () => {
  db = await createTestDatabase('opd_report_migration');
  orm = await openDatabase({ url: db.url });
  await orm.migrator.up({ to: 'Migration20261128000000_read_model' });
});
afterAll(async () => {
  await orm.close();
  await db.drop();
});

const rows = (sql: string) => orm.em.fork().execute<Record<string, unknown>[]>(sql);

describe("the room's migration", () => {
  it('keeps every token and doctor-day as it was, with nothing yet called, skipped or moved', async () => {
    await insertBulkTokens(orm, { firstDate: '2026-11-01', days: 3, doctors: 2, tokensPerDay: 40 });
    const tokensBefore = await rows('select * from token_record order by token_id');
    const daysBefore = await rows('select * from doctor_day order by doctor_day_id');

    expect(await migrate(orm)).toEqual(['Migration20261205000000_room']);

    const tokensAfter = await rows('select * from token_record order by token_id');
    expect(tokensAfter).toHaveLength(240);
    expect(tokensAfter).toEqual(
      tokensBefore.map((t) => ({
        ...t,
        call_time: null,
        skip_count: 0,
        recall_count: 0,
        transfer_time: null,
        transferred_from_token_id: null,
        transferred_to_token_id: null,
        completed_from_call: false,
      })),
    );
    expect(await rows('select * from doctor_day order by doctor_day_id')).toEqual(
      daysBefore.map((d) => ({
        ...d,
        call_count: 0,
        recall_count: 0,
        skip_count: 0,
        transferred_out_count: 0,
        transferred_in_count: 0,
        undo_count: 0,
      })),
    );
  });

  it('lets tokens be CALLED and TRANSFERRED, and still refuses a status that does not exist', async () => {
    const em = orm.em.fork();
    await em.execute(
      `update token_record set status = 'CALLED' where token_number = 1;
       update token_record set status = 'TRANSFERRED' where token_number = 2`,
    );
    const [counted] = await rows(
      `select count(*) filter (where status = 'CALLED')::int as called,
              count(*) filter (where status = 'TRANSFERRED')::int as transferred from token_record`,
    );
    expect(counted).toEqual({ called: 6, transferred: 6 });
    await expect(
      em.execute(`update token_record set status = 'WAITING' where token_number = 3`),
    ).rejects.toThrow(/token_record_status_check/);
  });
});
