// The relay against a private nats-server that the test kills and restarts on the same port
// and store, so the machine's shared server is never disturbed.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { migrate, openDatabase } from '../db/orm.js';
import { createTestDatabase, type TestDatabase } from '@opd/service-runtime/testing';
import { OutboxRelay } from './relay.js';
import type { OutboxRelayOptions } from './relay-options.js';
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
  type LogEntry,
} from './testing/outbox-fixtures.js';
import { NatsServerProcess } from '@opd/event-stream/testing';

let db: TestDatabase;
let pool: pg.Pool;
let server: NatsServerProcess;
let relay: OutboxRelay | undefined;
const stream = uniqueStream();
const logger = collectingLogger();

beforeEach(async () => {
  db = await createTestDatabase('opd_alloc_test');
  const orm = await openDatabase({ url: db.url });
  await migrate(orm);
  await orm.close();
  pool = new pg.Pool({ connectionString: db.url, max: 4 });
  // The test drops its database at the end: an idle connection closing then must not crash it.
  pool.on('error', () => undefined);
  server = await NatsServerProcess.create();
  logger.entries.length = 0;
});

afterEach(async () => {
  await relay?.stop();
  relay = undefined;
  await server.destroy();
  await pool.end();
  await db.drop();
});

function startRelay(options: Partial<OutboxRelayOptions> = {}): OutboxRelay {
  relay = new OutboxRelay({
    databaseUrl: db.url,
    nats: { servers: server.url, options: { reconnectTimeWait: 100 } },
    logger,
    stream,
    publishTimeoutMs: 1_000,
    backoff: { initialMs: 50, maxMs: 500 },
    ...options,
  });
  relay.start();
  return relay;
}

async function publishedCount(): Promise<number> {
  const result = await pool.query<{ n: number }>(
    'select count(*)::int as n from outbox_event where published_at is not null',
  );
  return result.rows[0]?.n ?? 0;
}

/** Reads the private server's stream and checks each doctor-day holds 1..count once, in order. */
async function expectStreamHoldsExactly(days: ReadonlyMap<string, number>): Promise<void> {
  const nc = await connect({ servers: server.url });
  try {
    const jsm = await jetstreamManager(nc);
    const { ids, sequences } = summarise(await readStream(jsm, stream.name), stream.subjectPrefix);
    const total = [...days.values()].reduce((sum, n) => sum + n, 0);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(total);
    for (const [day, count] of days) expect(sequences.get(day)).toEqual(oneTo(count));
  } finally {
    await nc.close();
  }
}

/** Advisory locks held by the relay's claims connection. */
async function claimsHeld(): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `select count(*)::int as n from pg_locks l join pg_stat_activity a on a.pid = l.pid
      where l.locktype = 'advisory' and a.application_name = 'opd-outbox-claims'
        and a.datname = current_database()`,
  );
  return rows[0]?.n ?? 0;
}

function expectNoPayloadInLogs(entries: readonly LogEntry[]): void {
  for (const entry of entries) expect(Object.keys(entry.fields)).not.toContain('payload');
}

describe('the outbox relay when the broker goes away', () => {
  it('publishes every event exactly once, in doctor-day order, after the broker comes back', async () => {
    await server.start();
    const days = Array.from({ length: 6 }, () => randomUUID());
    const subject = startRelay();
    for (const day of days) await commitRows(pool, outboxRows(day, 1, 5));
    await waitFor(async () => (await unpublishedCount(pool)) === 0, { what: 'first events' });

    // The broker dies while commands keep committing. Events acknowledged just before may
    // still be marked (their batch ends when the next publish times out); after that,
    // nothing may be marked published while the broker is down.
    const writing = (async () => {
      for (let from = 6; from <= 30; from += 5) {
        for (const day of days) await commitRows(pool, outboxRows(day, from, from + 4));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await server.stop('SIGKILL');
    await writing;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const markedWhenDown = await publishedCount();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await publishedCount()).toBe(markedWhenDown);
    expect(await unpublishedCount(pool)).toBeGreaterThan(0);
    expect((await subject.stats()).brokerConnected).toBe(false);

    await server.start();
    await waitFor(async () => (await unpublishedCount(pool)) === 0, {
      timeoutMs: 15_000,
      what: 'catching up after the outage',
    });

    await expectStreamHoldsExactly(new Map(days.map((day) => [day, 30])));
    expect(await subject.stats()).toMatchObject({ backlog: 0, consecutiveFailures: 0 });
    expect(logger.entries.some((e) => e.message.startsWith('disconnected from NATS'))).toBe(true);
    expectNoPayloadInLogs(logger.entries);
  });

  it('starts while the broker is unreachable and catches up once it answers', async () => {
    const days = Array.from({ length: 3 }, () => randomUUID());
    for (const day of days) await commitRows(pool, outboxRows(day, 1, 10));
    const subject = startRelay();
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await publishedCount()).toBe(0);
    expect(await subject.stats()).toMatchObject({ backlog: 30, brokerConnected: false });
    expect(logger.entries.some((e) => e.message === 'cannot reach NATS')).toBe(true);

    await server.start();
    await waitFor(async () => (await unpublishedCount(pool)) === 0, {
      timeoutMs: 10_000,
      what: 'catching up after the broker appeared',
    });

    await expectStreamHoldsExactly(new Map(days.map((day) => [day, 10])));
    expectNoPayloadInLogs(logger.entries);
  });

  it('gives its claims back while it cannot publish, so another relay may', async () => {
    await server.start();
    const days = Array.from({ length: 3 }, () => randomUUID());
    startRelay({ claimIdleMs: 60_000 });
    for (const day of days) await commitRows(pool, outboxRows(day, 1, 2));
    await waitFor(async () => (await unpublishedCount(pool)) === 0, { what: 'first events' });
    expect(await claimsHeld()).toBe(3);

    await server.stop('SIGKILL');
    await waitFor(async () => (await claimsHeld()) === 0, {
      timeoutMs: 5_000,
      what: 'the claims given back',
    });
  });
});
