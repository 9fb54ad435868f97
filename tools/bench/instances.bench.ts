// Allocation throughput with one instance and with two side by side, on the same database and
// stream, the same machine and the same load: RequestToken from a closed loop of callers spread
// over 500 doctor-days, the clients balancing over the instances with grpc-js round_robin.
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

    const rows: InstancesRow[] = [];
    for (const instances of [1, 2]) {
      while (running.length < instances) running.push(await startBenchAllocation(db));
      const address = running.map((s) => `127.0.0.1:${s.port}`).join(',');
      const balanced = promiseClient(AllocationServiceService, address, {
        apiKey: KEYS.counter,
        defaultTimeoutMs: 60_000,
      });
      for (const c of levels) {
        const cpuBefore = running.map((s) => s.cpuMs());
        const started = performance.now();
        const load = await runLoad(balanced, spread, c, seconds);
        const wallMs = performance.now() - started;
        const cpu = running.map((s, i) => s.cpuMs() - (cpuBefore[i] ?? 0));
        rows.push({
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
      balanced.close();
    }
    return rows;
  } finally {
    for (const service of running) await service.stop();
    await db.drop();
  }
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
