// `npm run bench` (the @opd/bench part): allocation through gRPC against pgbench running the same
// transaction on the same PostgreSQL, and event lag from allocation to reporting under load.
// Printed as tables; results are recorded by hand in docs/benchmarks.md.
import os from 'node:os';
import { allocationTable, benchAllocation } from './allocation.bench.js';
import { benchLag } from './lag.bench.js';
import { benchRelayThroughput } from './relay.bench.js';
import { fixed, pct } from './stats.js';

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
console.log(
  '\nEvent lag, allocation commit → reporting applied (spread load: 500 doctor-days, 32 clients)',
);
console.table([
  {
    'allocation tx/s': Math.round(lag.load.perSecond),
    events: lag.events,
    'lag p50 ms': fixed(lag.p50Ms),
    'lag p99 ms': fixed(lag.p99Ms),
    'of which relay p50/p99 ms': `${fixed(lag.relayP50Ms)} / ${fixed(lag.relayP99Ms)}`,
    floor: 'p99 < 50 ms',
  },
]);
const relay = await benchRelayThroughput(
  Number(process.env['OPD_BENCH_RELAY_EVENTS'] ?? 20_000),
  lag.payloadBytes,
);
console.log(
  `\nOutbox relay draining ${relay.events} events over 500 doctor-days vs JetStream publish (same size, ${relay.window} in flight)`,
);
console.table([
  {
    'payload bytes': relay.payloadBytes,
    'relay events/s': Math.round(relay.relayPerSecond),
    'raw publish msgs/s': Math.round(relay.rawPerSecond),
    'relay vs raw': pct(relay.relayPerSecond, relay.rawPerSecond),
    floor: '≥ 50 %',
  },
]);
