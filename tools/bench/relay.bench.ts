// The outbox relay's throughput against the broker's own: a backlog of events spread over
// 500 doctor-days (as after a broker outage in a busy morning) drained by the allocation
// service's relay, beside the same number of messages of the same size and headers published
// straight to JetStream, many in flight, from this process, in the same run.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { headers } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { createDatabase } from './databases.js';
import { startService } from '@opd/service-runtime/testing';

const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const DAYS = 500;

export interface RelayThroughput {
  readonly events: number;
  readonly payloadBytes: number;
  /** Events per second from the first to the last one marked published. */
  readonly relayPerSecond: number;
  /** Messages per second published straight to JetStream, `window` in flight. */
  readonly rawPerSecond: number;
  readonly window: number;
}

export async function benchRelayThroughput(
  events: number,
  payloadBytes: number,
  window = 512,
): Promise<RelayThroughput> {
  const db = await createDatabase('opd_bench_relay');
  const suffix = db.name.slice(-10);
  const env = {
    DATABASE_URL: db.url,
    OPD_MIGRATE_ON_START: 'true',
    OPD_GRPC_PORT: '0',
    OPD_METRICS_PORT: '0',
    OPD_SWEEP_INTERVAL_MS: '0',
    OPD_API_KEYS: 'admin:admin:plain=bench-admin-key',
    OPD_EVENT_STREAM: `OPD_BENCH_RELAY_${suffix}`,
    OPD_EVENT_SUBJECT_PREFIX: `opdbenchrelay.${suffix}`,
  };
  try {
    // Migrate with a first start, write the backlog while no relay runs, then let it drain.
    await (await startService('services/allocation/src/main.ts', env, 'serving')).stop();
    await writeBacklog(db.url, events, payloadBytes);
    const service = await startService('services/allocation/src/main.ts', env, 'serving');
    let relayPerSecond: number;
    try {
      relayPerSecond = await drained(db.url, events);
    } finally {
      await service.stop();
    }
    const rawPerSecond = await publishRaw(events, payloadBytes, window);
    return { events, payloadBytes, relayPerSecond, rawPerSecond, window };
  } finally {
    await db.drop();
  }
}

/** `events` outbox rows over 500 doctor-days, numbered 1..n per day, as commands write them. */
async function writeBacklog(url: string, events: number, payloadBytes: number): Promise<void> {
  await query(
    url,
    `insert into outbox_event (id, doctor_day_id, sequence, event_type, payload, occurred_at)
     select gen_random_uuid(), day.id, n, 'token_allocated', $1, now()
       from (select gen_random_uuid() as id from generate_series(1, $2)) day,
            generate_series(1, $3) n`,
    [Buffer.alloc(payloadBytes, 7), DAYS, Math.ceil(events / DAYS)],
  );
}

async function drained(url: string, events: number): Promise<number> {
  for (;;) {
    const [row] = await query<{ left: number; seconds: number | null }>(
      url,
      `select count(*) filter (where published_at is null)::int as left,
              extract(epoch from max(published_at) - min(published_at))::float8 as seconds
         from outbox_event`,
    );
    if (row?.left === 0)
      return (Math.ceil(events / DAYS) * DAYS) / Math.max(row.seconds ?? 0, 1e-3);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The broker's own pace: the same messages, `window` publishes in flight at any moment. */
async function publishRaw(events: number, payloadBytes: number, window: number): Promise<number> {
  const nc = await connect({ servers: NATS_URL });
  const jsm = await jetstreamManager(nc);
  const name = `OPD_BENCH_RAW_${randomUUID().slice(0, 8)}`;
  const subject = `opdbenchraw.${name}`;
  await jsm.streams.add({ name, subjects: [`${subject}.>`], duplicate_window: 600_000_000_000 });
  try {
    const js = jetstream(nc);
    const payload = Buffer.alloc(payloadBytes, 7);
    const total = Math.ceil(events / DAYS) * DAYS;
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < total) {
        const n = next++;
        const h = headers();
        h.set('Opd-Doctor-Day-Id', randomUUID());
        h.set('Opd-Sequence', String(n));
        h.set('Opd-Event-Type', 'token_allocated');
        await js.publish(`${subject}.token_allocated`, payload, {
          msgID: randomUUID(),
          headers: h,
          expect: { streamName: name },
        });
      }
    };
    await Promise.all(Array.from({ length: window }, worker));
    return total / ((performance.now() - started) / 1000);
  } finally {
    await jsm.streams.delete(name).catch(() => false);
    await nc.close();
  }
}

async function query<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}
