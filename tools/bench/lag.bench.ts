// Event lag: from an allocation committing a change to the reporting read model having applied
// it, while the allocation service is under the allocation bench's spread load (500
// doctor-days: 50 doctors × 10 days, 32 clients each waiting for its answer).
import pg from 'pg';
import { DateTime } from 'luxon';
import { clients, createDoctors, openDays, runLoad } from './allocation-load.js';
import { createDatabase } from './databases.js';
import { startService } from '@opd/service-runtime/testing';
import { quantile, type LatencySummary } from './stats.js';

const KEYS = { admin: 'bench-admin-key', counter: 'bench-counter-key' };

export interface LagResult {
  readonly events: number;
  readonly load: LatencySummary;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Commit → JetStream acknowledged (the outbox relay's part). */
  readonly relayP50Ms: number;
  readonly relayP99Ms: number;
  /** The mean size of an event's payload, for the relay's throughput run. */
  readonly payloadBytes: number;
}

export async function benchLag(seconds: number, concurrency = 32): Promise<LagResult> {
  const allocationDb = await createDatabase('opd_bench_lag_alloc');
  const reportingDb = await createDatabase('opd_bench_lag_rep');
  const suffix = allocationDb.name.slice(-10);
  const stream = {
    OPD_EVENT_STREAM: `OPD_BENCH_LAG_${suffix}`,
    OPD_EVENT_SUBJECT_PREFIX: `opdbenchlag.${suffix}`,
  };
  const services: { stop(): Promise<void> }[] = [];
  try {
    const allocation = await startService(
      'services/allocation/src/main.ts',
      {
        ...stream,
        DATABASE_URL: allocationDb.url,
        OPD_MIGRATE_ON_START: 'true',
        OPD_GRPC_PORT: '0',
        OPD_METRICS_PORT: '0',
        OPD_SWEEP_INTERVAL_MS: '0',
        OPD_API_KEYS: `admin:admin:plain=${KEYS.admin},counter:counter:plain=${KEYS.counter}`,
      },
      'allocation service is serving',
    );
    services.push(allocation);
    services.push(
      await startService(
        'services/reporting/src/main.ts',
        {
          ...stream,
          REPORTING_DATABASE_URL: reportingDb.url,
          OPD_MIGRATE_ON_START: 'true',
          OPD_REPORTING_GRPC_PORT: '0',
          OPD_REPORTING_METRICS_PORT: '0',
          OPD_API_KEYS: 'reporting:reporting:plain=bench-reporting-key',
        },
        'reporting service is serving',
      ),
    );
    const { admin, counter } = clients(`127.0.0.1:${allocation.port}`, KEYS);
    const tomorrow = DateTime.now().setZone('Asia/Kolkata').plus({ days: 1 });
    const doctors = await createDoctors(admin, 50, 20);
    const days = doctors.flatMap((doctorId) =>
      Array.from({ length: 10 }, (_, d) => ({
        doctorId,
        date: tomorrow.plus({ days: d }).toISODate() ?? '',
      })),
    );
    await openDays(counter, days);
    const load = await runLoad(counter, days, concurrency, seconds);
    admin.close();
    counter.close();

    // Only the events of the measured load (opening the days came before it).
    const committed = await rows<{ id: string; created_at: Date; published_at: Date | null }>(
      allocationDb.url,
      `select id, created_at, published_at from outbox_event where event_type <> 'doctor_day_opened'`,
    );
    const [size] = await rows<{ bytes: number }>(
      allocationDb.url,
      `select coalesce(avg(octet_length(payload)), 0)::float8 as bytes from outbox_event
        where event_type <> 'doctor_day_opened'`,
    );
    let applied = new Map<string, Date>();
    const missing = () => committed.some((c) => !applied.has(c.id));
    for (let waited = 0; waited < 30_000 && missing(); waited += 250) {
      applied = new Map(
        (
          await rows<{ event_id: string; applied_at: Date }>(
            reportingDb.url,
            'select event_id, applied_at from applied_event',
          )
        ).map((r) => [r.event_id, r.applied_at]),
      );
      if (missing()) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const lags = committed
      .map((c) => (applied.get(c.id)?.getTime() ?? Number.NaN) - c.created_at.getTime())
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    const relay = committed
      .map((c) => (c.published_at?.getTime() ?? Number.NaN) - c.created_at.getTime())
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    return {
      events: lags.length,
      load,
      p50Ms: quantile(lags, 0.5),
      p99Ms: quantile(lags, 0.99),
      relayP50Ms: quantile(relay, 0.5),
      relayP99Ms: quantile(relay, 0.99),
      payloadBytes: Math.round(size?.bytes ?? 0),
    };
  } finally {
    for (const s of services.reverse()) await s.stop();
    await allocationDb.drop();
    await reportingDb.drop();
  }
}

async function rows<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}
