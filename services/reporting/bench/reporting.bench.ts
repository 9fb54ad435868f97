// `npm run bench -w @opd/reporting`: how fast the read model catches up with the event stream and
// how fast an export streams, side by side with what this machine's PostgreSQL does on its own
// in the same run (pgbench for small write transactions, COPY for reading rows out).
import { execFileSync } from 'node:child_process';
import { BinaryReader } from '@bufbuild/protobuf/wire';
import * as grpc from '@grpc/grpc-js';
import { ExportTokensRequest, ReportingServiceService, type EventEnvelope } from '@opd/api';
import { uniqueStream } from '@opd/event-stream/testing';
import { ApiKeyStore, createLogger, parseApiKeys } from '@opd/service-runtime';
import { createTestDatabase, startService, type TestDatabase } from '@opd/service-runtime/testing';
import { startReportingService } from '../src/app.js';
import { loadReportingConfig } from '../src/config.js';
import { REPORTING_NODE_OPTIONS } from '../src/node-options.js';
import { aBusyMorning } from '../src/testing/doctor-day-script.js';
import { EventPublisher } from '../src/testing/event-publisher.js';
import { eventsApplied } from '../src/testing/read-model-snapshot.js';
import { insertBulkTokens } from '../test/support/bulk-tokens.js';

const CATCH_UP_EVENTS = Number(process.env['OPD_BENCH_CATCHUP_EVENTS'] ?? 100_000);
const EXPORT_ROWS = (process.env['OPD_BENCH_EXPORT_ROWS'] ?? '100000,1000000')
  .split(',')
  .map(Number);
const keys = new ApiKeyStore(parseApiKeys('bench:reporting:plain=bench-key'));
const rows: [string, string, string][] = [];

const streamEnv = (stream: { name: string; subjectPrefix: string }) => ({
  OPD_EVENT_STREAM: stream.name,
  OPD_EVENT_SUBJECT_PREFIX: stream.subjectPrefix,
});

async function start(db: TestDatabase, stream: { name: string; subjectPrefix: string }) {
  return startReportingService({
    config: loadReportingConfig({
      REPORTING_DATABASE_URL: db.url,
      OPD_REPORTING_GRPC_PORT: '0',
      OPD_REPORTING_METRICS_PORT: '0',
      ...streamEnv(stream),
      OPD_MIGRATE_ON_START: 'true',
    }),
    apiKeys: keys,
    log: createLogger({ name: 'bench', level: 'warn' }),
  });
}

/**
 * Doctors' mornings, enough for `count` events, interleaved as the stream carries them, a few
 * events of each in turn.
 */
function interleaved(count: number): { events: EventEnvelope[]; mornings: number } {
  const days = [];
  for (let n = 0; n < count; n += days.at(-1)?.events.length ?? 0) days.push(aBusyMorning());
  const events: EventEnvelope[] = [];
  for (let i = 0; days.some((d) => d.events.length > i); i += 3) {
    for (const day of days) events.push(...day.events.slice(i, i + 3));
  }
  return { events, mornings: days.length };
}

async function catchUp(): Promise<void> {
  const db = await createTestDatabase('opd_report_bench');
  const stream = uniqueStream();
  const publisher = await EventPublisher.open(stream);
  const { events, mornings } = interleaved(CATCH_UP_EVENTS);
  // Many publishes in flight on one connection: the stream keeps each day's order.
  for (let i = 0; i < events.length; i += 256) {
    await Promise.all(events.slice(i, i + 256).map((event) => publisher.publish(event)));
  }
  const app = await start(db, stream);
  // From the first event applied, so the service's start-up is not counted.
  let first: { at: number; applied: number } | undefined;
  for (let applied = 0; applied < events.length; applied = await eventsApplied(app.orm)) {
    if (applied > 0) first ??= { at: performance.now(), applied };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const seconds = (performance.now() - (first?.at ?? 0)) / 1000;
  rows.push([
    `catch up on ${events.length} events (${mornings} doctor-days)`,
    `${Math.round((events.length - (first?.applied ?? 0)) / seconds)} events/s`,
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

/**
 * Exports `count` rows from the service running as its own process, as in production: rows/s
 * as the client receives them, and the service's peak resident memory (the client's is not
 * counted).
 */
async function exportRows(db: TestDatabase, count: number): Promise<void> {
  // The build, as production runs it (`npm run build` first; the bench target depends on it).
  const service = await startService(
    'services/reporting/dist/main.js',
    {
      REPORTING_DATABASE_URL: db.url,
      OPD_REPORTING_GRPC_PORT: '0',
      OPD_REPORTING_METRICS_PORT: '0',
      ...streamEnv(uniqueStream()),
      OPD_API_KEYS: 'bench:reporting:plain=bench-key',
      NODE_OPTIONS: REPORTING_NODE_OPTIONS,
    },
    'reporting service is serving',
  );
  const client = new grpc.Client(`127.0.0.1:${service.port}`, grpc.credentials.createInsecure());
  try {
    const rssBefore = service.peakRss();
    const started = performance.now();
    const received = await countExported(client);
    const seconds = (performance.now() - started) / 1000;
    const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
    rows.push([
      `export ${received} tokens over gRPC (service in its own process)`,
      `${Math.round(received / seconds)} rows/s, service peak RSS ${mib(service.peakRss())} MiB (${mib(rssBefore)} MiB before)`,
      copyRate(db.url, count),
    ]);
  } finally {
    client.close();
    await service.stop();
  }
}

/**
 * Streams a whole-year export and counts its rows by reading only each message's field tags:
 * like COPY to /dev/null, the comparison measures the service, not the client building a
 * million objects (which in Node costs more than the export itself).
 */
function countExported(client: grpc.Client): Promise<number> {
  const method = ReportingServiceService.exportTokens;
  const metadata = new grpc.Metadata();
  metadata.set('authorization', 'Bearer bench-key');
  const request = ExportTokensRequest.fromPartial({
    startDate: '2027-01-01',
    endDate: '2027-12-31',
  });
  const stream = client.makeServerStreamRequest(
    method.path,
    (message: ExportTokensRequest) => Buffer.from(ExportTokensRequest.encode(message).finish()),
    (bytes: Buffer) => bytes,
    request,
    metadata,
    { deadline: Date.now() + 300_000 },
  );
  return new Promise((resolve, reject) => {
    let rows = 0;
    stream.on('data', (bytes: Buffer) => {
      const reader = new BinaryReader(bytes);
      while (reader.pos < reader.len) {
        const [field, wireType] = reader.tag();
        if (field === 1) rows += 1;
        reader.skip(wireType);
      }
    });
    stream.on('error', reject);
    stream.on('end', () => resolve(rows));
  });
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
    // In process only to migrate and fill the read model; the export runs against a real process.
    const loader = await start(db, uniqueStream());
    await insertBulkTokens(loader.orm, {
      firstDate: '2027-01-01',
      days: 100,
      doctors: 4,
      tokensPerDay: count / 400,
    });
    await loader.stop();
    await exportRows(db, count);
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
