// `npm run bench -w @opd/reporting`: how fast the read model catches up with the event stream and
// how fast an export streams, side by side with what this machine's PostgreSQL does on its own
// in the same run (pgbench for small write transactions, COPY for reading rows out).
import { execFileSync } from 'node:child_process';
import { ReportingServiceService, promiseClient, type EventEnvelope } from '@opd/api';
import { uniqueStream } from '@opd/event-stream/testing';
import { ApiKeyStore, createLogger, parseApiKeys } from '@opd/service-runtime';
import { createTestDatabase, type TestDatabase } from '@opd/service-runtime/testing';
import { startReportingService, type RunningReporting } from '../src/app.js';
import { loadReportingConfig } from '../src/config.js';
import { aBusyMorning } from '../src/testing/doctor-day-script.js';
import { EventPublisher } from '../src/testing/event-publisher.js';
import { eventsApplied } from '../src/testing/read-model-snapshot.js';
import { insertBulkTokens } from '../test/support/bulk-tokens.js';

const MORNINGS = Number(process.env['OPD_BENCH_MORNINGS'] ?? 400);
const EXPORT_ROWS = (process.env['OPD_BENCH_EXPORT_ROWS'] ?? '100000,1000000')
  .split(',')
  .map(Number);
const keys = new ApiKeyStore(parseApiKeys('bench:reporting:plain=bench-key'));
const rows: [string, string, string][] = [];

async function start(db: TestDatabase, stream: { name: string; subjectPrefix: string }) {
  return startReportingService({
    config: loadReportingConfig({
      REPORTING_DATABASE_URL: db.url,
      OPD_REPORTING_GRPC_PORT: '0',
      OPD_REPORTING_METRICS_PORT: '0',
      OPD_EVENT_STREAM: stream.name,
      OPD_EVENT_SUBJECT_PREFIX: stream.subjectPrefix,
      OPD_MIGRATE_ON_START: 'true',
    }),
    apiKeys: keys,
    log: createLogger({ name: 'bench', level: 'warn' }),
  });
}

/** Doctors' mornings interleaved as the stream carries them, a few events of each in turn. */
function interleaved(mornings: number): EventEnvelope[] {
  const days = Array.from({ length: mornings }, () => aBusyMorning());
  const events: EventEnvelope[] = [];
  for (let i = 0; days.some((d) => d.events.length > i); i += 3) {
    for (const day of days) events.push(...day.events.slice(i, i + 3));
  }
  return events;
}

async function catchUp(): Promise<void> {
  const db = await createTestDatabase('opd_report_bench');
  const stream = uniqueStream();
  const publisher = await EventPublisher.open(stream);
  const events = interleaved(MORNINGS);
  await publisher.publishAll(events);
  const started = performance.now();
  const app = await start(db, stream);
  while ((await eventsApplied(app.orm)) < events.length) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const seconds = (performance.now() - started) / 1000;
  rows.push([
    `catch up on ${events.length} events (${MORNINGS} doctor-days)`,
    `${Math.round(events.length / seconds)} events/s`,
    pgbench(db.url),
  ]);
  await app.stop();
  await publisher.deleteStream();
  await publisher.close();
  await db.drop();
}

/** Small write transactions per second from 8 pgbench clients for 5 s: the database's own pace. */
function pgbench(url: string): string {
  try {
    execFileSync('pgbench', ['-i', '-q', '-s', '1', url], { stdio: 'pipe' });
    const out = execFileSync('pgbench', ['-N', '-c', '8', '-j', '2', '-T', '5', url]).toString();
    const tps = /tps = ([\d.]+)/.exec(out)?.[1];
    return tps ? `pgbench -N: ${Math.round(Number(tps))} tx/s` : 'pgbench: no result';
  } catch {
    return 'pgbench not available';
  }
}

async function exportRows(app: RunningReporting, db: TestDatabase, count: number): Promise<void> {
  const client = promiseClient(ReportingServiceService, `127.0.0.1:${app.port}`, {
    apiKey: 'bench-key',
  });
  const drain = async () => {
    let received = 0;
    const request = { startDate: '2027-01-01', endDate: '2027-12-31', doctorId: '' };
    const stream = client.exportTokens(
      { ...request, statuses: [], sources: [] },
      { timeoutMs: 300_000 },
    );
    for await (const batch of stream) received += batch.tokenRecords.length;
    return received;
  };
  // First the pace, then (collections slow it down) the live heap every 100 ms: what the
  // export holds, not its garbage.
  const started = performance.now();
  const received = await drain();
  const seconds = (performance.now() - started) / 1000;
  const liveHeap = () => {
    global.gc?.();
    return process.memoryUsage().heapUsed;
  };
  const baseline = liveHeap();
  let peak = baseline;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, liveHeap());
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  await drain();
  clearInterval(sampler);
  client.close();
  const heap = global.gc
    ? `, live heap +${(Math.max(0, peak - baseline) / 2 ** 20).toFixed(1)} MiB`
    : '';
  rows.push([
    `export ${received} tokens over gRPC (client in process)`,
    `${Math.round(received / seconds)} rows/s${heap}, peak RSS ${Math.round(peakRss / 2 ** 20)} MiB (service + client)`,
    copyRate(db.url, count),
  ]);
}

/** The same rows and order through COPY to /dev/null: the database's own pace for reading out. */
function copyRate(url: string, count: number): string {
  try {
    const query = `\\copy (select * from token_record order by date, doctor_id, token_number) to '/dev/null'`;
    const started = performance.now();
    execFileSync('psql', [url, '-q', '-c', query], { stdio: 'pipe' });
    return `COPY: ${Math.round(count / ((performance.now() - started) / 1000))} rows/s`;
  } catch {
    return 'psql not available';
  }
}

async function exports(): Promise<void> {
  for (const count of EXPORT_ROWS) {
    const db = await createTestDatabase('opd_report_bench');
    const app = await start(db, uniqueStream());
    await insertBulkTokens(app.orm, {
      firstDate: '2027-01-01',
      days: 100,
      doctors: 4,
      tokensPerDay: count / 400,
    });
    await exportRows(app, db, count);
    await app.stop();
    await db.drop();
  }
}

await catchUp();
await exports();
const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length), 10));
const line = (r: readonly string[]) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ');
console.log(line(['what', 'reporting service', "the machine's limit, same run"]));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const row of rows) console.log(line(row));
process.exit(0);
