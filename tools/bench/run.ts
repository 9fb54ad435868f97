// `npm run bench` (the @opd/bench part): allocation through gRPC against pgbench running the same
// transaction on the same PostgreSQL, and event lag from allocation to reporting under load.
// Printed as tables; results are recorded by hand in docs/benchmarks.md.
import os from 'node:os';
import { allocationTable, benchAllocation } from './allocation.bench.js';
import { benchLag } from './lag.bench.js';
import { fixed } from './stats.js';

const seconds = Number(process.env['OPD_BENCH_SECONDS'] ?? 5);
const levels = (process.env['OPD_BENCH_CLIENTS'] ?? '1,8,32,64').split(',').map(Number);

console.log(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
);
console.log(
  `\nAllocation (RequestToken through gRPC, ${seconds} s per row) vs pgbench (same statements, same server)`,
);
console.table(allocationTable(await benchAllocation(levels, seconds)));

const lag = await benchLag(seconds);
console.log('\nEvent lag, allocation commit → reporting applied (8 clients, spread)');
console.table([
  {
    'allocation tx/s': Math.round(lag.load.perSecond),
    events: lag.events,
    'lag p50 ms': fixed(lag.p50Ms),
    'lag p99 ms': fixed(lag.p99Ms),
    'of which relay p50/p99 ms': `${fixed(lag.relayP50Ms)} / ${fixed(lag.relayP99Ms)}`,
    target: 'p99 < 100 ms',
  },
]);
