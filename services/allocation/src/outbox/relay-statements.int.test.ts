// What the relay sends to PostgreSQL per event: a commit's notification starts its doctor-day
// alone, and nothing else looks for work while the listener is connected.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { migrate, openDatabase } from '../db/orm.js';
import { createTestDatabase, type TestDatabase } from '@opd/service-runtime/testing';
import { DOCTOR_DAY_CHANNEL, OUTBOX_CHANNEL } from './outbox-listener.js';
import { OutboxRelay } from './relay.js';
import type { OutboxRelayOptions } from './relay-options.js';
import {
  collectingLogger,
  commitRows,
  oneTo,
  outboxRows,
  readStream,
  recordRelayStatements,
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
const recordings: { stop(): void }[] = [];

beforeEach(async () => {
  db = await createTestDatabase('opd_alloc_test');
  const orm = await openDatabase({ url: db.url });
  await migrate(orm);
  await orm.close();
  pool = new pg.Pool({ connectionString: db.url, max: 8 });
  pool.on('error', () => undefined);
  nc = await connect({ servers: NATS_URL });
  jsm = await jetstreamManager(nc);
  stream = uniqueStream();
});

afterEach(async () => {
  for (const recording of recordings.splice(0)) recording.stop();
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
    // Only notifications start work here: the poll would hide what they do.
    pollIntervalMs: 60_000,
    ...options,
  });
  relays.push(created);
  return created;
}

function record(): { readonly statements: string[] } {
  const recording = recordRelayStatements();
  recordings.push(recording);
  return recording;
}

/** A relay that is connected, listening and has created the stream. */
async function ready(options: Partial<OutboxRelayOptions> = {}): Promise<OutboxRelay> {
  const subject = relay(options);
  subject.start();
  await waitFor(async () => (await subject.stats()).brokerConnected, { what: 'the broker' });
  await waitFor(
    async () => {
      const { rows } = await pool.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity
          where datname = current_database() and application_name = 'opd-outbox-listener'
            and query ilike 'listen%'`,
      );
      return options.listen === false || (rows[0]?.n ?? 0) >= relays.length;
    },
    { what: 'the listener' },
  );
  await subject.drainOnce(); // creates the stream
  return subject;
}

async function expectStreamHoldsExactly(days: ReadonlyMap<string, number>): Promise<void> {
  const { ids, sequences } = summarise(await readStream(jsm, stream.name), stream.subjectPrefix);
  const total = [...days.values()].reduce((sum, n) => sum + n, 0);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids).toHaveLength(total);
  for (const [day, count] of days) expect(sequences.get(day)).toEqual(oneTo(count));
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Advisory locks held by the relays' claims connections on the test database. */
async function claimsHeld(): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `select count(*)::int as n from pg_locks l join pg_stat_activity a on a.pid = l.pid
      where l.locktype = 'advisory' and a.application_name = 'opd-outbox-claims'
        and a.datname = current_database()`,
  );
  return rows[0]?.n ?? 0;
}

const locks = (statements: readonly string[]) =>
  statements.filter((s) => s.includes('pg_try_advisory_lock')).length;
const unlocks = (statements: readonly string[]) =>
  statements.filter((s) => s.includes('pg_advisory_unlock')).length;

describe('what the outbox relay asks of PostgreSQL', () => {
  it('leaves a bare NOTIFY opd_outbox and wake() to its poll while it listens, and starts the day a notification names', async () => {
    const subject = await ready();
    const day = randomUUID();
    await commitRows(pool, outboxRows(day, 1, 3), { notify: false });
    const recording = record();
    await pool.query(`notify ${OUTBOX_CHANNEL}`);
    subject.wake();
    await pause(300);
    expect(recording.statements).toEqual([]);
    expect(await unpublishedCount(pool)).toBe(3);

    await pool.query('select pg_notify($1, $2)', [DOCTOR_DAY_CHANNEL, `${day}:3`]);
    await waitFor(async () => (await unpublishedCount(pool)) === 0, {
      timeoutMs: 5_000,
      what: 'the named day',
    });
    expect(recording.statements.some((s) => s.includes('from outbox_event o'))).toBe(true);
    expect(recording.statements.some((s) => s.includes('group by doctor_day_id'))).toBe(false);
    await expectStreamHoldsExactly(new Map([[day, 3]]));
  });

  it('looks for work when woken if it does not listen', async () => {
    const subject = await ready({ listen: false });
    const day = randomUUID();
    await commitRows(pool, outboxRows(day, 1, 3), { notify: false });
    await pause(100);
    expect(await unpublishedCount(pool)).toBe(3);
    subject.wake();
    await waitFor(async () => (await unpublishedCount(pool)) === 0, {
      timeoutMs: 5_000,
      what: 'events after wake()',
    });
    await expectStreamHoldsExactly(new Map([[day, 3]]));
  });

  it('sends no statement for a notification of a sequence it has published already', async () => {
    const subject = await ready();
    const day = randomUUID();
    await commitRows(pool, outboxRows(day, 1, 3));
    await waitFor(async () => (await unpublishedCount(pool)) === 0, { what: 'the first events' });
    await subject.drainOnce(); // the marks are written and remembered

    const recording = record();
    for (const sequence of [3, 2, 3]) {
      await pool.query('select pg_notify($1, $2)', [DOCTOR_DAY_CHANNEL, `${day}:${sequence}`]);
    }
    await pause(300);
    expect(recording.statements).toEqual([]);

    // A new sequence is read and published as before.
    await commitRows(pool, outboxRows(day, 4, 4));
    await waitFor(async () => (await unpublishedCount(pool)) === 0, { what: 'the next event' });
    await expectStreamHoldsExactly(new Map([[day, 4]]));
  });

  it('remembers a day another relay published, after one look', async () => {
    await ready();
    const day = randomUUID();
    await commitRows(pool, outboxRows(day, 1, 3), { notify: false });
    // Another relay published and marked them.
    await pool.query('update outbox_event set published_at = now() where doctor_day_id = $1', [
      day,
    ]);

    const recording = record();
    const notify = () => pool.query('select pg_notify($1, $2)', [DOCTOR_DAY_CHANNEL, `${day}:3`]);
    await notify();
    await waitFor(() => recording.statements.some((s) => s.includes('from outbox_event o')), {
      what: 'one look',
    });
    await pause(200);
    const afterOneLook = recording.statements.length;
    await notify();
    await pause(300);
    expect(recording.statements).toHaveLength(afterOneLook);
  });

  it("keeps a doctor-day's claim across its drains and gives it back once the day is idle", async () => {
    await ready({ claimIdleMs: 1_000 });
    const day = randomUUID();
    const recording = record();
    await commitRows(pool, outboxRows(day, 1, 1));
    await waitFor(async () => (await unpublishedCount(pool)) === 0, { what: 'the first event' });
    for (let sequence = 2; sequence <= 6; sequence++) {
      await commitRows(pool, outboxRows(day, sequence, sequence));
      await waitFor(async () => (await unpublishedCount(pool)) === 0, { what: `${sequence}` });
    }
    // One lock for six drains, and the claim is still held.
    expect(locks(recording.statements)).toBe(1);
    expect(unlocks(recording.statements)).toBe(0);
    expect(await claimsHeld()).toBe(1);

    await waitFor(async () => (await claimsHeld()) === 0, { what: 'the idle claim given back' });
    expect(unlocks(recording.statements)).toBe(1);
    await expectStreamHoldsExactly(new Map([[day, 6]]));
  });

  it('keeps at most maxIdleClaims unused claims', async () => {
    await ready({ claimIdleMs: 60_000, maxIdleClaims: 3 });
    const days = Array.from({ length: 8 }, () => randomUUID());
    for (const day of days) await commitRows(pool, outboxRows(day, 1, 2));
    await waitFor(async () => (await unpublishedCount(pool)) === 0, { what: 'every day' });
    await waitFor(async () => (await claimsHeld()) <= 3, { what: 'the oldest claims given back' });
    expect(await claimsHeld()).toBe(3);
    await expectStreamHoldsExactly(new Map(days.map((day) => [day, 2])));
  });

  it('lets two relays that keep their claims publish every day in order, and take over the days of one that stops', async () => {
    const days = Array.from({ length: 12 }, () => randomUUID());
    const first = await ready({ claimIdleMs: 60_000, pollIntervalMs: 100 });
    const second = await ready({ claimIdleMs: 60_000, pollIntervalMs: 100 });
    const next = new Map(days.map((day) => [day, 1]));
    const commitRound = (round: number) =>
      Promise.all(
        days.map(async (day) => {
          const from = next.get(day) ?? 1;
          const count = 1 + ((round + from) % 3);
          next.set(day, from + count);
          await commitRows(pool, outboxRows(day, from, from + count - 1));
        }),
      );
    for (let round = 0; round < 10; round++) await commitRound(round);
    await waitFor(async () => (await unpublishedCount(pool)) === 0, { what: 'both relays' });
    const [a, b] = await Promise.all([first.stats(), second.stats()]);
    expect(a.duplicates + b.duplicates).toBe(0);

    // The relay that kept claims stops; its days go on through the other one's poll.
    await first.stop();
    for (let round = 10; round < 20; round++) await commitRound(round);
    await waitFor(async () => (await unpublishedCount(pool)) === 0, {
      what: 'the days of the stopped relay',
    });
    await expectStreamHoldsExactly(new Map(days.map((day) => [day, (next.get(day) ?? 1) - 1])));
  });

  it('marks the events of a moment together, each at the moment JetStream acknowledged it', async () => {
    const subject = await ready();
    const days = Array.from({ length: 20 }, () => randomUUID());
    const recording = record();
    const before = new Date();
    for (const day of days) await commitRows(pool, outboxRows(day, 1, 3));
    await waitFor(async () => (await unpublishedCount(pool)) === 0, { what: 'every day' });
    const after = new Date();
    const marks = recording.statements.filter((s) => s.includes('set published_at'));
    expect(marks.length).toBeLessThan(days.length);
    const { rows } = await pool.query<{ published_at: Date; created_at: Date }>(
      'select published_at, created_at from outbox_event',
    );
    for (const row of rows) {
      expect(row.published_at.getTime()).toBeGreaterThanOrEqual(before.getTime() - 5);
      expect(row.published_at.getTime()).toBeLessThanOrEqual(after.getTime());
    }
    expect((await subject.stats()).duplicates).toBe(0);
    await expectStreamHoldsExactly(new Map(days.map((day) => [day, 3])));
  });
});
