// `npm run bench` (the @opd/bench part): allocation through gRPC against pgbench running the same
// transaction on the same PostgreSQL (closed loop), the booking rush (open loop), and event lag
// from allocation to reporting under load. Printed as tables; results are recorded by hand in
// docs/benchmarks.md. `--help` lists the options; `--only allocation,lag` runs some sections.
import os from 'node:os';
import { allocationFloors, allocationTable, benchAllocation } from './allocation.bench.js';
import { benchBoards, boardTable } from './boards.bench.js';
import { benchInstances, instancesTable } from './instances.bench.js';
import { benchLag } from './lag.bench.js';
import { benchRelayThroughput } from './relay.bench.js';
import { benchRush, rushHeld, rushTable } from './rush.bench.js';
import { fixed, pct } from './stats.js';

const seconds = Number(process.env['OPD_BENCH_SECONDS'] ?? 5);
const levels = (process.env['OPD_BENCH_CLIENTS'] ?? '1,8,32,64,256').split(',').map(Number);
const rushSeconds = Number(process.env['OPD_BENCH_RUSH_SECONDS'] ?? 30);
const rushRates = (process.env['OPD_BENCH_RUSH_RATES'] ?? '250,500,750,1000,1250,1500,2000')
  .split(',')
  .map(Number);
const SECTIONS = ['allocation', 'instances', 'rush', 'boards', 'lag', 'relay'] as const;

if (process.argv.includes('--help')) {
  console.log(`usage: tsx --conditions=@opd/source tools/bench/run.ts [--only SECTION,...]

sections: ${SECTIONS.join(', ')} (all by default; also OPD_BENCH_ONLY)
environment:
  OPD_BENCH_SECONDS        seconds per closed-loop row (5)
  OPD_BENCH_CLIENTS        allocation callers per row (1,8,32,64,256)
  OPD_BENCH_RUSH_SECONDS   seconds per rush rate (30)
  OPD_BENCH_RUSH_RATES     rush rates per second (250,500,750,1000,1250,1500,2000)
  OPD_BENCH_RELAY_EVENTS   events the relay drains (20000)
  OPD_BENCH_ADMIN_URL      PostgreSQL to create the bench databases in`);
  process.exit(0);
}
const onlyAt = process.argv.indexOf('--only');
const only = (onlyAt >= 0 ? process.argv[onlyAt + 1] : process.env['OPD_BENCH_ONLY'])
  ?.split(',')
  .map((s) => s.trim())
  .filter(Boolean);
for (const section of only ?? []) {
  if (!(SECTIONS as readonly string[]).includes(section)) {
    console.error(`unknown section ${section}; sections: ${SECTIONS.join(', ')}`);
    process.exit(2);
  }
}
const runs = (section: (typeof SECTIONS)[number]) => only === undefined || only.includes(section);

console.log(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
);
const allocation = runs('allocation') ? await benchAllocation(levels, seconds) : [];
if (runs('allocation')) {
  console.log(
    `\nAllocation (RequestToken through gRPC, closed loop, ${seconds} s per row) vs pgbench (same statements, same server)`,
  );
  console.table(allocationTable(allocation));
  console.log('\nFloors (issue 11), from the rows above');
  console.table(allocationFloors(allocation));
}

if (runs('instances')) {
  console.log(
    `\nAllocation with 1 and 2 instances side by side (spread over 500 doctor-days, ${seconds} s per row; clients balance with round_robin)`,
  );
  console.table(instancesTable(await benchInstances([32, 64, 128], seconds)));
}

if (runs('rush')) {
  console.log(
    `\nThe booking rush (open loop, ${rushSeconds} s per rate; 80 % on 10 hot doctor-days of 200 places, 20 % spread)`,
  );
  const rush = await benchRush(rushRates, rushSeconds);
  console.table(rushTable(rush));
  const hotPgbench = allocation.find((r) => r.scenario.startsWith('hot') && r.clients === 1);
  const spreadPgbench = allocation.find((r) => r.scenario.startsWith('spread') && r.clients === 32);
  console.log(
    `pgbench, same run: hot 1 client ${Math.round(hotPgbench?.pgbench.perSecond ?? 0)} tx/s, spread 32 clients ${Math.round(spreadPgbench?.pgbench.perSecond ?? 0)} tx/s`,
  );
  console.log(
    `highest rate held (p99 < 1 s, 0 over capacity, 0 unanswered): ${Math.round(rushHeld(rush))} requests/s (floor: 500)`,
  );
}

if (runs('boards')) {
  console.log(
    '\nLive boards: a busy doctor-day of 660 rows watched by 0, 50 and 500 screens while it changes',
  );
  console.table(
    boardTable(
      await benchBoards(
        [
          { watchers: 0, changesOnly: false },
          { watchers: 50, changesOnly: false },
          { watchers: 500, changesOnly: false },
          { watchers: 50, changesOnly: true },
          { watchers: 500, changesOnly: true },
        ],
        seconds,
      ),
    ),
  );
}

const lag = runs('lag') || runs('relay') ? await benchLag(seconds) : undefined;
if (lag && runs('lag')) {
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
}
if (lag && runs('relay')) {
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
}
