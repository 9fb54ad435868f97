// Allocation throughput with one instance and with two side by side, on the same database and
// stream, the same machine and the same load: RequestToken from a closed loop of callers spread
// over 500 doctor-days, the clients balancing over the instances with grpc-js round_robin. Each
// row is the mean of two halves of `seconds`, measured in the order 1, 2, 2, 1 instances.
import { DateTime } from 'luxon';
import { AllocationServiceService, promiseClient } from '@opd/api';
import type { ServiceProcess } from '@opd/service-runtime/testing';
import { clients, createDoctors, openDays, runLoad, type DoctorDayKey } from './allocation-load.js';
import { KEYS, startBenchAllocation } from './bench-service.js';
import { createDatabase } from './databases.js';
import { fixed } from './stats.js';

export interface InstancesRow {
  readonly instances: number;
  readonly clients: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  /** Each instance's CPU time per answered request, and its share of the machine. */
  readonly cpuMsPerRequest: readonly number[];
  readonly cpuShare: readonly number[];
}

export async function benchInstances(
  levels: readonly number[],
  seconds: number,
): Promise<InstancesRow[]> {
  const db = await createDatabase('opd_bench_instances');
  const running: ServiceProcess[] = [];
  try {
    running.push(await startBenchAllocation(db));
    const { admin, counter } = clients(`127.0.0.1:${running[0]?.port}`, KEYS);
    const tomorrow = DateTime.now().setZone('Asia/Kolkata').plus({ days: 1 });
    const doctors = await createDoctors(admin, 50, 20);
    const spread: DoctorDayKey[] = doctors.flatMap((doctorId) =>
      Array.from({ length: 10 }, (_, d) => ({
        doctorId,
        date: tomorrow.plus({ days: d }).toISODate() ?? '',
      })),
    );
    await openDays(counter, spread);
    admin.close();
    counter.close();

    // Both instances run throughout; each level is measured 1, 2, 2, 1 instances in turn, so a
    // machine whose load drifts (other work, a growing database) favours neither.
    running.push(await startBenchAllocation(db));
    const balanced = [1, 2].map((n) =>
      promiseClient(
        AllocationServiceService,
        running
          .slice(0, n)
          .map((s) => `127.0.0.1:${s.port}`)
          .join(','),
        { apiKey: KEYS.counter, defaultTimeoutMs: 60_000 },
      ),
    );
    const rows: InstancesRow[] = [];
    for (const c of levels) {
      const runs = new Map<number, InstancesRow[]>([
        [1, []],
        [2, []],
      ]);
      for (const instances of [1, 2, 2, 1]) {
        const client = balanced[instances - 1];
        if (client === undefined) continue;
        const cpuBefore = running.map((s) => s.cpuMs());
        const started = performance.now();
        const load = await runLoad(client, spread, c, seconds / 2);
        const wallMs = performance.now() - started;
        const cpu = running.slice(0, instances).map((s, i) => s.cpuMs() - (cpuBefore[i] ?? 0));
        runs.get(instances)?.push({
          instances,
          clients: c,
          perSecond: load.perSecond,
          p50Ms: load.p50Ms,
          p99Ms: load.p99Ms,
          errors: load.errors,
          cpuMsPerRequest: cpu.map((ms) => (load.count > 0 ? ms / load.count : 0)),
          cpuShare: cpu.map((ms) => ms / wallMs),
        });
      }
      for (const [, measured] of runs) rows.push(mean(measured));
    }
    balanced.forEach((client) => client.close());
    return rows;
  } finally {
    for (const service of running) await service.stop();
    await db.drop();
  }
}

/** The mean of a level's two halves (latencies averaged too: they are of equal length). */
function mean(rows: readonly InstancesRow[]): InstancesRow {
  const [first] = rows;
  if (first === undefined) throw new Error('nothing measured');
  const avg = (pick: (r: InstancesRow) => number) =>
    rows.reduce((sum, r) => sum + pick(r), 0) / rows.length;
  return {
    ...first,
    perSecond: avg((r) => r.perSecond),
    p50Ms: avg((r) => r.p50Ms),
    p99Ms: avg((r) => r.p99Ms),
    errors: rows.reduce((sum, r) => sum + r.errors, 0),
    cpuMsPerRequest: first.cpuMsPerRequest.map((_, i) => avg((r) => r.cpuMsPerRequest[i] ?? 0)),
    cpuShare: first.cpuShare.map((_, i) => avg((r) => r.cpuShare[i] ?? 0)),
  };
}

export function instancesTable(rows: readonly InstancesRow[]) {
  const single = (clients: number) =>
    rows.find((r) => r.instances === 1 && r.clients === clients)?.perSecond ?? 0;
  return rows.map((r) => ({
    instances: r.instances,
    clients: r.clients,
    'tx/s': Math.round(r.perSecond),
    'vs 1 instance': r.instances === 1 ? '—' : `${fixed(r.perSecond / single(r.clients), 2)}×`,
    'p50/p99 ms': `${fixed(r.p50Ms)} / ${fixed(r.p99Ms)}`,
    'CPU ms/req per instance': r.cpuMsPerRequest.map((ms) => fixed(ms, 2)).join(' + '),
    'cores busy per instance': r.cpuShare.map((share) => fixed(share, 2)).join(' + '),
    errors: r.errors,
  }));
}
