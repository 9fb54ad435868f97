// The allocation service as the benchmarks run it: its own process from its sources, on a
// throw-away database and stream, with the bench's two keys.
import { startService, type ServiceProcess } from '@opd/service-runtime/testing';
import type { BenchDatabase } from './databases.js';

export const KEYS = { admin: 'bench-admin-key', counter: 'bench-counter-key' };

export function startBenchAllocation(
  db: BenchDatabase,
  env: Record<string, string> = {},
): Promise<ServiceProcess> {
  const suffix = db.name.slice(-10);
  return startService(
    'services/allocation/src/main.ts',
    {
      DATABASE_URL: db.url,
      DATABASE_POOL_MAX: '32',
      OPD_MIGRATE_ON_START: 'true',
      OPD_GRPC_PORT: '0',
      OPD_METRICS_PORT: '0',
      OPD_SWEEP_INTERVAL_MS: '0',
      // One key and one connection carry every caller here: the per-key rate and the streams
      // per connection are raised so the bench measures allocation, not the abuse limits.
      OPD_KEY_REQUESTS_PER_SECOND: '1000000',
      OPD_GRPC_MAX_CONCURRENT_STREAMS: '10000',
      OPD_API_KEYS: `admin:admin:plain=${KEYS.admin},counter:counter:plain=${KEYS.counter}`,
      OPD_EVENT_STREAM: `OPD_BENCH_${suffix}`,
      OPD_EVENT_SUBJECT_PREFIX: `opdbench.${suffix}`,
      LOG_LEVEL: 'info',
      ...env,
    },
    'allocation service is serving',
  );
}
