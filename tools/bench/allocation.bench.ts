// Allocation through gRPC against the machine's own limit for the same transaction (pgbench),
// at 1, 8, 32, 64 and 256 concurrent clients (closed loop: each waits for its answer), spread
// over 500 doctor-days and on one hot doctor-day, with the service's own CPU per request.
import { DateTime } from 'luxon';
import { clients, createDoctors, openDays, runLoad, type DoctorDayKey } from './allocation-load.js';
import { KEYS, startBenchAllocation } from './bench-service.js';
import { createDatabase } from './databases.js';
import { preparePgbench, runPgbench } from './pgbench.js';
import { fixed, pct } from './stats.js';
import pg from 'pg';

export interface AllocationRow {
  readonly scenario: string;
  readonly clients: number;
  readonly service: {
    perSecond: number;
    p50Ms: number;
    p99Ms: number;
    errors: number;
    count: number;
    /** The service process's CPU time per answered request. */
    cpuMsPerRequest: number;
  };
  readonly pgbench: { perSecond: number; p50Ms: number; p99Ms: number; clients: number };
}

export async function benchAllocation(
  levels: readonly number[],
  seconds: number,
): Promise<AllocationRow[]> {
  const db = await createDatabase('opd_bench_alloc');
  let service;
  try {
    service = await startBenchAllocation(db);
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
    const running = service;
    const measured = async (days: readonly DoctorDayKey[], c: number) => {
      const cpuBefore = running.cpuMs();
      const load = await runLoad(counter, days, c, seconds);
      const cpu = running.cpuMs() - cpuBefore;
      return { ...load, cpuMsPerRequest: load.count > 0 ? cpu / load.count : 0 };
    };
    for (const c of levels) {
      rows.push({
        scenario: 'spread (500 doctor-days)',
        clients: c,
        service: await measured(spread, c),
      });
      rows.push({ scenario: 'hot (1 doctor-day)', clients: c, service: await measured(hot, c) });
    }
    admin.close();
    counter.close();
    await service.stop();
    service = undefined;

    await preparePgbench(db.url, await doctorDayIds(db.url, [...hot, ...spread]));
    const spare = (await maxConnections(db.url)) - 20;
    const results: AllocationRow[] = [];
    for (const row of rows) {
      const range = row.scenario.startsWith('hot')
        ? { first: 1, last: 1 }
        : { first: 2, last: 501 };
      // pgbench holds a server connection per client: beyond the server's spare connections it
      // runs with as many as it can have (the service itself uses a pool of 32).
      const clients = Math.min(row.clients, spare);
      results.push({
        ...row,
        pgbench: { ...(await runPgbench(db.url, clients, seconds, range)), clients },
      });
    }
    return results;
  } finally {
    await service?.stop();
    await db.drop();
  }
}

async function maxConnections(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ max_connections: string }>('show max_connections');
    return Number(r.rows[0]?.max_connections ?? 100);
  } finally {
    await client.end();
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
    'service CPU ms/req': fixed(r.service.cpuMsPerRequest, 2),
    'pgbench tx/s': `${Math.round(r.pgbench.perSecond)}${r.pgbench.clients < r.clients ? ` (${r.pgbench.clients} clients)` : ''}`,
    'pgbench p50/p99 ms': `${fixed(r.pgbench.p50Ms)} / ${fixed(r.pgbench.p99Ms)}`,
    'throughput vs pgbench': pct(r.service.perSecond, r.pgbench.perSecond),
    'p99 vs pgbench': r.pgbench.p99Ms > 0 ? `${fixed(r.service.p99Ms / r.pgbench.p99Ms)}×` : '—',
    errors: r.service.errors,
  }));
}

/** The floors of the booking-rush issue, each read off the same run's rows. */
export function allocationFloors(rows: readonly AllocationRow[]) {
  const row = (hot: boolean, clients: number) =>
    rows.find((r) => r.scenario.startsWith(hot ? 'hot' : 'spread') && r.clients === clients);
  const hotPgbenchAt1 = row(true, 1)?.pgbench.perSecond ?? 0;
  const spread32 = row(false, 32);
  const floors = [
    ...[32, 256].map((clients) => {
      const hot = row(true, clients);
      return {
        floor: `hot, ${clients} callers ≥ 100 % of pgbench hot at 1 client`,
        measured: hot
          ? `${Math.round(hot.service.perSecond)} tx/s vs ${Math.round(hotPgbenchAt1)}`
          : '—',
        ratio: hot ? pct(hot.service.perSecond, hotPgbenchAt1) : '—',
        held: hot ? hot.service.perSecond >= hotPgbenchAt1 : false,
      };
    }),
    {
      floor: 'spread, 32 callers ≥ 60 % of pgbench at 32',
      measured: spread32
        ? `${Math.round(spread32.service.perSecond)} tx/s vs ${Math.round(spread32.pgbench.perSecond)}`
        : '—',
      ratio: spread32 ? pct(spread32.service.perSecond, spread32.pgbench.perSecond) : '—',
      held: spread32 ? spread32.service.perSecond >= 0.6 * spread32.pgbench.perSecond : false,
    },
    {
      floor: 'spread, 32 callers: p99 ≤ 3× pgbench p99',
      measured: spread32
        ? `${fixed(spread32.service.p99Ms)} ms vs ${fixed(spread32.pgbench.p99Ms)} ms`
        : '—',
      ratio: spread32 ? `${fixed(spread32.service.p99Ms / spread32.pgbench.p99Ms)}×` : '—',
      held: spread32 ? spread32.service.p99Ms <= 3 * spread32.pgbench.p99Ms : false,
    },
  ];
  return floors.map((f) => ({ ...f, held: f.held ? 'yes' : 'NO' }));
}
