import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { migrate, openDatabase } from '../db/orm.js';
import { createTestDatabase, type TestDatabase } from '@opd/service-runtime/testing';
import { OutboxRelay } from './relay.js';
import type { OutboxRelayOptions } from './relay-options.js';
import { ensureEventStream, eventSubject } from '@opd/event-stream';
import {
  collectingLogger,
  commitRows,
  insertRows,
  oneTo,
  outboxRow,
  outboxRows,
  rankedId,
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
let stream: { name: string; subjectPrefix: string };
const relays: OutboxRelay[] = [];

beforeEach(async () => {
  db = await createTestDatabase('opd_alloc_test');
  const orm = await openDatabase({ url: db.url });
  await migrate(orm);
  await orm.close();
  pool = new pg.Pool({ connectionString: db.url, max: 8 });
  pool.on('error', () => undefined); // an idle client killed by the next drop database
  nc = await connect({ servers: NATS_URL });
  jsm = await jetstreamManager(nc);
  stream = uniqueStream();
});

afterEach(async () => {
  await Promise.all(relays.splice(0).map((relay) => relay.stop()));
  await jsm.streams.delete(stream.name).catch(() => false);
  await nc.close();
  await pool.end();
  await db.drop();
});

function relay(options: Partial<OutboxRelayOptions> = {}): OutboxRelay {
  const created = new OutboxRelay({
    databaseUrl: db.url,
    nats: { servers: NATS_URL },
    logger: collectingLogger(),
    stream,
    ...options,
  });
  relays.push(created);
  return created;
}

async function expectStreamHoldsExactly(days: ReadonlyMap<string, number>): Promise<void> {
  const { ids, sequences } = summarise(await readStream(jsm, stream.name), stream.subjectPrefix);
  const total = [...days.values()].reduce((sum, n) => sum + n, 0);
  expect(ids).toHaveLength(total);
  expect(new Set(ids).size).toBe(total);
  expect(new Map([...sequences].map(([day, seqs]) => [day, seqs.length]))).toEqual(days);
  for (const [day, count] of days) expect(sequences.get(day)).toEqual(oneTo(count));
}

describe('the outbox relay', () => {
  it('publishes every committed event exactly once, in doctor-day order, even when rows commit out of id order', async () => {
    const late = randomUUID();
    const days = Array.from({ length: 4 }, () => randomUUID());
    // A transaction that wrote the smallest id stays open while later ids commit.
    const slow = await pool.connect();
    await slow.query('begin');
    await insertRows(slow, [outboxRow(late, 1, rankedId(1))]);
    for (const day of days) {
      // Each doctor-day's events commit one transaction per event, in sequence order, but
      // with ids that fall as the sequence rises.
      for (let sequence = 1; sequence <= 10; sequence++) {
        await commitRows(pool, [outboxRow(day, sequence, rankedId(0xf0000000 - sequence))]);
      }
    }
    const published: string[] = [];
    const subject = relay({ onPublished: (event) => published.push(event.eventId) });
    subject.start();
    try {
      await waitFor(async () => published.length === 40 && (await unpublishedCount(pool)) === 0, {
        what: '40 events',
      });
      await slow.query('commit');
    } finally {
      slow.release();
    }
    await commitRows(pool, outboxRows(late, 2, 5));
    await waitFor(async () => (await unpublishedCount(pool)) === 0, { what: 'late events' });

    await expectStreamHoldsExactly(new Map([...days.map((d) => [d, 10] as const), [late, 5]]));
    const stats = await subject.stats();
    expect(stats).toMatchObject({
      published: 45,
      duplicates: 0,
      backlog: 0,
      consecutiveFailures: 0,
    });
  });

  it('lets two relays share one outbox without publishing any event twice or out of order', async () => {
    const days = Array.from({ length: 20 }, () => randomUUID());
    const first = relay({ batchSize: 4, concurrency: 4 });
    const second = relay({ batchSize: 4, concurrency: 4 });
    first.start();
    second.start();
    // Commands commit small transactions for many doctor-days while both relays run.
    const next = new Map(days.map((day) => [day, 1]));
    for (let round = 0; round < 25; round++) {
      await Promise.all(
        days.map(async (day) => {
          const from = next.get(day) ?? 1;
          const count = 1 + ((round + from) % 3);
          next.set(day, from + count);
          await commitRows(pool, outboxRows(day, from, from + count - 1));
        }),
      );
    }
    const expected = new Map(days.map((day) => [day, (next.get(day) ?? 1) - 1]));
    const total = [...expected.values()].reduce((sum, n) => sum + n, 0);
    await waitFor(async () => (await unpublishedCount(pool)) === 0, { what: 'empty backlog' });

    const [a, b] = await Promise.all([first.stats(), second.stats()]);
    expect(a.published + b.published).toBe(total);
    expect(a.duplicates + b.duplicates).toBe(0);
    await expectStreamHoldsExactly(expected);
  });

  it('picks up where a stopped relay left off, without losing or repeating an event', async () => {
    const days = Array.from({ length: 10 }, () => randomUUID());
    for (const day of days) await commitRows(pool, outboxRows(day, 1, 20));
    const first = relay({ batchSize: 5, concurrency: 2 });
    first.start();
    await waitFor(async () => (await first.stats()).published >= 60, { what: '60 events' });
    await first.stop();
    const stoppedAfter = (
      await pool.query('select count(*)::int as n from outbox_event where published_at is not null')
    ).rows[0] as { n: number };
    expect(stoppedAfter.n).toBeGreaterThanOrEqual(60);
    expect(stoppedAfter.n).toBeLessThan(200);

    const second = relay();
    second.start();
    for (const day of days) await commitRows(pool, outboxRows(day, 21, 25));
    await waitFor(async () => (await unpublishedCount(pool)) === 0, { what: 'empty backlog' });

    const secondStats = await second.stats();
    expect(secondStats.published).toBe(250 - stoppedAfter.n);
    expect(secondStats.duplicates).toBe(0);
    await expectStreamHoldsExactly(new Map(days.map((day) => [day, 25])));
  });

  it('counts an event the stream already holds as published when a crash lost its marking', async () => {
    const days = Array.from({ length: 3 }, () => randomUUID());
    const rows = days.flatMap((day) => outboxRows(day, 1, 5));
    await commitRows(pool, rows);
    // A relay published the first three events of each day, then died before marking them.
    await ensureEventStream(jsm, stream);
    const js = jetstream(nc);
    for (const row of rows.filter((r) => r.sequence <= 3)) {
      const h = headers();
      h.set('Opd-Doctor-Day-Id', row.doctorDayId);
      h.set('Opd-Sequence', String(row.sequence));
      h.set('Opd-Event-Type', row.eventType);
      await js.publish(eventSubject(stream.subjectPrefix, row.eventType), row.payload, {
        msgID: row.id,
        headers: h,
      });
    }

    const subject = relay();
    subject.start();
    await waitFor(async () => (await unpublishedCount(pool)) === 0, { what: 'empty backlog' });

    expect(await subject.stats()).toMatchObject({ published: 15, duplicates: 9 });
    await expectStreamHoldsExactly(new Map(days.map((day) => [day, 5])));
  });

  it("starts a doctor-day on its commit's notification without waiting for its poll", async () => {
    const subject = relay({ pollIntervalMs: 60_000 });
    subject.start();
    await waitFor(async () => (await subject.stats()).brokerConnected, { what: 'connection' });
    await subject.drainOnce(); // creates the stream
    const day = randomUUID();
    await commitRows(pool, outboxRows(day, 1, 3));
    await waitFor(async () => (await unpublishedCount(pool)) === 0, {
      timeoutMs: 5_000,
      what: 'events published after a notification',
    });
    await expectStreamHoldsExactly(new Map([[day, 3]]));
  });

  it('leaves a doctor-day alone while another relay holds it, and publishes it once released', async () => {
    const held = randomUUID();
    const free = randomUUID();
    await commitRows(pool, [...outboxRows(held, 1, 3), ...outboxRows(free, 1, 3)]);
    // Another instance's relay: it holds the doctor-day's transaction-scoped advisory lock.
    const other = await pool.connect();
    await other.query('begin');
    await other.query(`select pg_advisory_xact_lock(hashtext('opd_outbox'), hashtext($1::text))`, [
      held,
    ]);
    try {
      const subject = relay();
      subject.start();
      await waitFor(async () => (await unpublishedCount(pool)) === 3, { what: 'the free day' });
      await subject.drainOnce();
      expect(await unpublishedCount(pool)).toBe(3);
      await other.query('commit');
    } finally {
      other.release();
    }
    await waitFor(async () => (await unpublishedCount(pool)) === 0, { what: 'the held day' });
    await expectStreamHoldsExactly(
      new Map([
        [held, 3],
        [free, 3],
      ]),
    );
  });

  it('creates the stream again when it disappears while the relay runs', async () => {
    const day = randomUUID();
    const subject = relay({ backoff: { initialMs: 20, maxMs: 100 } });
    subject.start();
    await commitRows(pool, outboxRows(day, 1, 2));
    await waitFor(async () => (await unpublishedCount(pool)) === 0, { what: 'first events' });

    await jsm.streams.delete(stream.name);
    await commitRows(pool, outboxRows(day, 3, 4));
    await waitFor(async () => (await unpublishedCount(pool)) === 0, {
      what: 'events after deletion',
    });

    const { sequences } = summarise(await readStream(jsm, stream.name), stream.subjectPrefix);
    expect(sequences.get(day)).toEqual([3, 4]);
  });

  it('deletes only published rows older than the retention period', async () => {
    const day = randomUUID();
    await commitRows(pool, outboxRows(day, 1, 1_230));
    // Published 10 days ago: 1..1200 (more than two purge batches); 1 day ago: 1201..1220;
    // never published although written 30 days ago: 1221..1230.
    await pool.query(
      `update outbox_event set published_at = now() - interval '10 days' where sequence <= 1200`,
    );
    await pool.query(
      `update outbox_event set published_at = now() - interval '1 day' where sequence between 1201 and 1220`,
    );
    await pool.query(
      `update outbox_event set created_at = now() - interval '30 days' where sequence > 1220`,
    );

    const deleted = await relay().purgePublished(7);

    expect(deleted).toBe(1_200);
    const left = await pool.query<{ published: boolean; n: number }>(
      `select published_at is not null as published, count(*)::int as n from outbox_event group by 1 order by 1`,
    );
    expect(left.rows).toEqual([
      { published: false, n: 10 },
      { published: true, n: 20 },
    ]);
  });
});
