// The relay's publishes in flight together: a doctor-day never waits for another day's work,
// and losing the claims' connection mid-way neither loses nor reorders anything.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { migrate, openDatabase } from '../db/orm.js';
import { createTestDatabase, type TestDatabase } from '@opd/service-runtime/testing';
import { OutboxRelay } from './relay.js';
import {
  collectingLogger,
  commitRows,
  oneTo,
  outboxRows,
  readStream,
  summarise,
  unpublishedCount,
  uniqueStream,
  waitFor,
} from './testing/outbox-fixtures.js';

const NATS_URL = process.env['OPD_TEST_NATS_URL'] ?? 'nats://127.0.0.1:4222';

let db: TestDatabase;
let pool: pg.Pool;
let nc: NatsConnection;
let jsm: JetStreamManager;
let relay: OutboxRelay | undefined;
const stream = uniqueStream();

beforeEach(async () => {
  db = await createTestDatabase('opd_alloc_test');
  const orm = await openDatabase({ url: db.url });
  await migrate(orm);
  await orm.close();
  pool = new pg.Pool({ connectionString: db.url, max: 8 });
  pool.on('error', () => undefined);
  nc = await connect({ servers: NATS_URL });
  jsm = await jetstreamManager(nc);
});

afterEach(async () => {
  await relay?.stop();
  relay = undefined;
  await jsm.streams.delete(stream.name).catch(() => false);
  await nc.close();
  await pool.end();
  await db.drop();
});

function startRelay(): OutboxRelay {
  relay = new OutboxRelay({
    databaseUrl: db.url,
    nats: { servers: NATS_URL },
    logger: collectingLogger(),
    stream,
    backoff: { initialMs: 20, maxMs: 200 },
  });
  relay.start();
  return relay;
}

async function unpublishedOf(day: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    'select count(*)::int as n from outbox_event where doctor_day_id = $1 and published_at is null',
    [day],
  );
  return rows[0]?.n ?? 0;
}

async function expectStreamHoldsExactly(days: ReadonlyMap<string, number>): Promise<void> {
  const { ids, sequences } = summarise(await readStream(jsm, stream.name), stream.subjectPrefix);
  const total = [...days.values()].reduce((sum, n) => sum + n, 0);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids).toHaveLength(total);
  for (const [day, count] of days) expect(sequences.get(day)).toEqual(oneTo(count));
}

describe('the outbox relay with many publishes in flight', () => {
  it("publishes a doctor-day's new event while another day's long backlog is still going out", async () => {
    const busy = randomUUID();
    for (let from = 1; from <= 3_000; from += 500) {
      await commitRows(pool, outboxRows(busy, from, from + 499));
    }
    startRelay();
    await waitFor(async () => (await unpublishedOf(busy)) < 3_000, { what: 'the backlog started' });

    const quiet = randomUUID();
    await commitRows(pool, outboxRows(quiet, 1, 1));
    await waitFor(async () => (await unpublishedOf(quiet)) === 0, { what: 'the quiet day' });
    expect(await unpublishedOf(busy)).toBeGreaterThan(0);

    await waitFor(async () => (await unpublishedCount(pool)) === 0, {
      timeoutMs: 60_000,
      what: 'the backlog',
    });
    await expectStreamHoldsExactly(
      new Map([
        [busy, 3_000],
        [quiet, 1],
      ]),
    );
  }, 90_000);

  it('loses and repeats nothing when the connection holding its claims is cut mid-way', async () => {
    const days = Array.from({ length: 40 }, () => randomUUID());
    for (const day of days) await commitRows(pool, outboxRows(day, 1, 50));
    const subject = startRelay();
    await waitFor(async () => (await subject.stats()).published >= 200, { what: '200 events' });
    await pool.query(
      `select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and application_name = 'opd-outbox-claims'`,
    );
    for (const day of days) await commitRows(pool, outboxRows(day, 51, 60));

    await waitFor(async () => (await unpublishedCount(pool)) === 0, {
      timeoutMs: 30_000,
      what: 'every event after the cut',
    });
    await expectStreamHoldsExactly(new Map(days.map((day) => [day, 60])));
  }, 60_000);
});
