// Only the one-versus-two-instances allocation benchmark:
//   npx tsx --conditions=@opd/source tools/bench/instances.ts
// (OPD_BENCH_SECONDS per row, 10 by default; OPD_BENCH_CLIENTS, 32,64,128 by default).
import os from 'node:os';
import { benchInstances, instancesTable } from './instances.bench.js';

const seconds = Number(process.env['OPD_BENCH_SECONDS'] ?? 10);
const levels = (process.env['OPD_BENCH_CLIENTS'] ?? '32,64,128').split(',').map(Number);
console.log(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
);
console.log(
  `\nAllocation with 1 and 2 instances (RequestToken, closed loop over 500 doctor-days, ${seconds} s per row; clients balance with round_robin)`,
);
console.table(instancesTable(await benchInstances(levels, seconds)));
