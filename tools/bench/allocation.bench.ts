// Allocation through gRPC against the machine's own limit for the same transaction (pgbench),
// at 1, 8, 32 and 64 concurrent clients, spread over 500 doctor-days and on one hot doctor-day.
import { DateTime } from 'luxon';
import { clients, createDoctors, openDays, runLoad, type DoctorDayKey } from './allocation-load.js';
import { createDatabase } from './databases.js';
import { preparePgbench, runPgbench } from './pgbench.js';
import { startService } from '@opd/service-runtime/testing';
import { fixed, pct } from './stats.js';
import pg from 'pg';

export interface AllocationRow {
  readonly scenario: string;
  readonly clients: number;
  readonly service: { perSecond: number; p50Ms: number; p99Ms: number; errors: number };
  readonly pgbench: { perSecond: number; p50Ms: number; p99Ms: number };
}

const KEYS = { admin: 'bench-admin-key', counter: 'bench-counter-key' };

export async function benchAllocation(
  levels: readonly number[],
  seconds: number,
): Promise<AllocationRow[]> {
  const db = await createDatabase('opd_bench_alloc');
  const suffix = db.name.slice(-10);
  let service;
  try {
    service = await startService(
      'services/allocation/src/main.ts',
      {
        DATABASE_URL: db.url,
        DATABASE_POOL_MAX: '32',
        OPD_MIGRATE_ON_START: 'true',
        OPD_GRPC_PORT: '0',
        OPD_METRICS_PORT: '0',
        OPD_SWEEP_INTERVAL_MS: '0',
        OPD_API_KEYS: `admin:admin:plain=${KEYS.admin},counter:counter:plain=${KEYS.counter}`,
        OPD_EVENT_STREAM: `OPD_BENCH_${suffix}`,
        OPD_EVENT_SUBJECT_PREFIX: `opdbench.${suffix}`,
        LOG_LEVEL: 'info',
      },
      'allocation service is serving',
    );
    const { admin, counter } = clients(`127.0.0.1:${service.port}`, KEYS);
    const tomorrow = DateTime.now().setZone('Asia/Kolkata').plus({ days: 1 });
    const date = (d: number) => tomorrow.plus({ days: d }).toISODate() ?? '';
    const [hotDoctor = ''] = await createDoctors(admin, 1, 500);
    const hot: DoctorDayKey[] = [{ doctorId: hotDoctor, date: date(0) }];
    const spreadDoctors = await createDoctors(admin, 50, 20);
    const spread = spreadDoctors.flatMap((doctorId) =>
      Array.from({ length: 10 }, (_, d) => ({ doctorId, date: date(d) })),
    );
    await openDays(counter, [...hot, ...spread]);

    const rows: { scenario: string; clients: number; service: AllocationRow['service'] }[] = [];
    for (const c of levels) {
      rows.push({
        scenario: 'spread (500 doctor-days)',
        clients: c,
        service: await runLoad(counter, spread, c, seconds),
      });
      rows.push({
        scenario: 'hot (1 doctor-day)',
        clients: c,
        service: await runLoad(counter, hot, c, seconds),
      });
    }
    admin.close();
    counter.close();
    await service.stop();
    service = undefined;

    await preparePgbench(db.url, await doctorDayIds(db.url, [...hot, ...spread]));
    const results: AllocationRow[] = [];
    for (const row of rows) {
      const range = row.scenario.startsWith('hot')
        ? { first: 1, last: 1 }
        : { first: 2, last: 501 };
      results.push({ ...row, pgbench: await runPgbench(db.url, row.clients, seconds, range) });
    }
    return results;
  } finally {
    await service?.stop();
    await db.drop();
  }
}

async function doctorDayIds(url: string, days: readonly DoctorDayKey[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const ids: string[] = [];
    for (const d of days) {
      const r = await client.query<{ id: string }>(
        'select id from doctor_day where doctor_id = $1 and date = $2',
        [d.doctorId, d.date],
      );
      ids.push(r.rows[0]?.id ?? '');
    }
    return ids;
  } finally {
    await client.end();
  }
}

export function allocationTable(rows: readonly AllocationRow[]) {
  return rows.map((r) => ({
    scenario: r.scenario,
    clients: r.clients,
    'service tx/s': Math.round(r.service.perSecond),
    'service p50/p99 ms': `${fixed(r.service.p50Ms)} / ${fixed(r.service.p99Ms)}`,
    'pgbench tx/s': Math.round(r.pgbench.perSecond),
    'pgbench p50/p99 ms': `${fixed(r.pgbench.p50Ms)} / ${fixed(r.pgbench.p99Ms)}`,
    'throughput vs pgbench': pct(r.service.perSecond, r.pgbench.perSecond),
    'p99 vs pgbench': r.pgbench.p99Ms > 0 ? `${fixed(r.service.p99Ms / r.pgbench.p99Ms)}×` : '—',
    errors: r.service.errors,
  }));
}
