// `npm start`: the whole stack on one machine, from a fresh clone after `npm ci`.
// PostgreSQL and NATS from DATABASE_URL / NATS_URL, else the local ones; with nothing
// configured and no PostgreSQL answering, an embedded PostgreSQL (data in .data/postgres).
// Creates the databases, runs every service with its migrations applied, loads the demo
// hospital into an empty database, and on Ctrl-C stops the services first, then PostgreSQL.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AllocationServiceService, promiseClient } from '@opd/api';
import { DEV_KEYS, devKeySpec } from './dev-keys.js';
import { DEMO_DOCTORS } from './demo-doctors.js';
import { hospitalIsEmpty, loadDemoHospital, type DemoSummary } from './demo-hospital.js';
import { type RunningEmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres.js';
import { howToStartNats, natsAnswers } from './nats.js';
import { describePortOwner, ephemeralRange, portIsFree } from './port-owner.js';
import { ensureDatabase, postgresAnswers } from './postgres.js';
import { ServiceProcess } from './service-process.js';
import { type StackConfig, loadStackConfig, redact } from './stack-config.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DATA = path.join(ROOT, '.data');
const REPORTING_MAIN = 'services/reporting/src/main.ts';

const services: ServiceProcess[] = [];
let postgres: RunningEmbeddedPostgres | undefined;
let stopping: Promise<never> | undefined;

/** Services first (they drain their calls and close their connections), then PostgreSQL. */
function shutdown(code: number): Promise<never> {
  stopping ??= (async () => {
    await Promise.all(services.map((s) => s.stop()));
    await postgres?.stop();
    if (services.length > 0 || postgres) console.log('The OPD stack has stopped.');
    process.exit(code);
  })();
  return stopping;
}

/**
 * Whatever signal reaches the stack stops all of it: Ctrl-C in a terminal, or SIGINT, SIGTERM
 * or SIGHUP sent by a process manager to npm alone (`npm start` execs this process, so npm's
 * forwarded signal lands here) or to the whole process group.
 */
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    const running = services.filter((s) => s.running).map((s) => s.spec.name);
    console.log(
      `${signal} received: stopping the OPD stack (${[...running, ...(postgres ? ['embedded PostgreSQL'] : [])].join(', ') || 'nothing started yet'})...`,
    );
    void shutdown(signal === 'SIGINT' ? 130 : 143);
  });
}

async function fail(message: string): Promise<never> {
  console.error(message);
  return shutdown(1);
}

/** The configured PostgreSQL, or an embedded one when nothing is configured or answering. */
async function providePostgres(config: StackConfig): Promise<string> {
  if (await postgresAnswers(config.databaseUrl)) return 'PostgreSQL';
  if (config.databaseConfigured) {
    return fail(`No PostgreSQL answers at DATABASE_URL (${redact(config.databaseUrl)}).`);
  }
  console.log('No PostgreSQL answers at 127.0.0.1:5432: starting an embedded one (.data/postgres)');
  await mkdir(DATA, { recursive: true });
  postgres = await startEmbeddedPostgres({
    dataDir: path.join(DATA, 'postgres'),
    port: Number(new URL(config.databaseUrl).port || 5432),
    logFile: path.join(DATA, 'postgres.log'),
  });
  return 'embedded PostgreSQL (data in .data/postgres, log in .data/postgres.log)';
}

function allocation(config: StackConfig): ServiceProcess {
  return new ServiceProcess(
    {
      name: 'allocation',
      entry: 'services/allocation/src/main.ts',
      metricsPort: config.allocationMetricsPort,
      env: {
        DATABASE_URL: config.databaseUrl,
        NATS_URL: config.natsUrl,
        OPD_GRPC_HOST: config.host,
        OPD_GRPC_PORT: String(config.allocationPort),
        OPD_METRICS_PORT: String(config.allocationMetricsPort),
        OPD_API_KEYS: process.env['OPD_API_KEYS'] ?? devKeySpec(),
        OPD_MIGRATE_ON_START: 'true',
        LOG_LEVEL: config.logLevel,
      },
    },
    ROOT,
  );
}

function reporting(config: StackConfig): ServiceProcess {
  return new ServiceProcess(
    {
      name: 'reporting',
      entry: REPORTING_MAIN,
      metricsPort: config.reportingMetricsPort,
      env: {
        REPORTING_DATABASE_URL: config.reportingDatabaseUrl,
        NATS_URL: config.natsUrl,
        OPD_GRPC_HOST: config.host,
        OPD_REPORTING_GRPC_PORT: String(config.reportingPort),
        OPD_REPORTING_METRICS_PORT: String(config.reportingMetricsPort),
        OPD_API_KEYS: process.env['OPD_API_KEYS'] ?? devKeySpec(),
        OPD_MIGRATE_ON_START: 'true',
        LOG_LEVEL: config.logLevel,
      },
    },
    ROOT,
  );
}

/** What the banner says of the demo, and the day whose board it suggests. */
interface DemoLine {
  readonly line: string;
  /** The next day the demo OPD is open: it always has patients to come. */
  readonly boardDate?: string;
}

/** Loads the demo hospital when the allocation database has no doctors at all. */
async function demo(config: StackConfig): Promise<DemoLine> {
  if (!config.demo) return { line: 'off (OPD_DEMO=false)' };
  const key =
    process.env['OPD_DEMO_API_KEY'] ?? (process.env['OPD_API_KEYS'] ? undefined : DEV_KEYS.admin);
  if (!key) {
    return {
      line: 'skipped: custom OPD_API_KEYS; set OPD_DEMO_API_KEY to an admin key to load it',
    };
  }
  const client = promiseClient(AllocationServiceService, `127.0.0.1:${config.allocationPort}`, {
    apiKey: key,
    defaultTimeoutMs: 30_000,
  });
  try {
    const timeZone = process.env['OPD_TIME_ZONE'] ?? 'Asia/Kolkata';
    if (!(await hospitalIsEmpty(client))) {
      return { line: 'not loaded: the database already has doctors' };
    }
    console.log('Empty database: loading the demo hospital...');
    const summary = await loadDemoHospital(client, { timeZone });
    return { line: describeDemo(summary), boardDate: summary.nextOpenDay };
  } finally {
    client.close();
  }
}

const describeDemo = (demo: DemoSummary): string =>
  [
    `${DEMO_DOCTORS.length} doctors in ${new Set(DEMO_DOCTORS.map((d) => d.department)).size} ` +
      `departments (${demo.doctorsCreated} new); ${demo.leave}`,
    ...demo.days.map(
      (d) =>
        `              ${d.date}: ${d.tokens} tokens, ${d.waitlisted} waiting, ` +
        `${d.checkedIn} checked in, ${d.completed} seen`,
    ),
  ].join('\n');

function banner(
  config: StackConfig,
  database: string,
  demoLine: DemoLine,
  withReporting: boolean,
): string {
  const keys = Object.entries(DEV_KEYS).map(([role, key]) => `    ${role.padEnd(12)}${key}`);
  return [
    '',
    'OPD stack is up.',
    `  allocation  gRPC ${config.host}:${config.allocationPort}   metrics http://127.0.0.1:${config.allocationMetricsPort}/metrics  health /healthz`,
    withReporting
      ? `  reporting   gRPC ${config.host}:${config.reportingPort}   metrics http://127.0.0.1:${config.reportingMetricsPort}/metrics  health /healthz`
      : `  reporting   not started (${REPORTING_MAIN} does not exist yet)`,
    `  database    ${redact(config.databaseUrl)}${withReporting ? ` and ${redact(config.reportingDatabaseUrl)}` : ''}`,
    `              on ${database}`,
    `  events      ${config.natsUrl}  stream ${process.env['OPD_EVENT_STREAM'] ?? 'OPD_EVENTS'}, subjects ${process.env['OPD_EVENT_SUBJECT_PREFIX'] ?? 'opd.v1.events'}.>`,
    `  demo        ${demoLine.line}`,
    ...(process.env['OPD_API_KEYS']
      ? ['  API keys    from OPD_API_KEYS']
      : ['  development API keys (send as "authorization: Bearer <key>"):', ...keys]),
    '',
    'Try:',
    `  export OPD_API_KEY=${DEV_KEYS.admin}`,
    '  npm run opd -- doctor list',
    // Today may be over (an evening start): the next open day always has patients to come.
    demoLine.boardDate
      ? `  npm run opd -- board "Meera Rao" --date ${demoLine.boardDate}   (--date today for today's)`
      : '  npm run opd -- board "Meera Rao"',
    '  npm run opd -- events tail',
    '  npm run simulate',
    '',
    'Ctrl-C (or SIGTERM to npm) stops everything.',
  ].join('\n');
}

/** The ports the stack listens on, with the variable that moves each. */
function stackPorts(config: StackConfig, withReporting: boolean) {
  return [
    { port: config.allocationPort, variable: 'OPD_GRPC_PORT', what: 'allocation gRPC' },
    {
      port: config.allocationMetricsPort,
      variable: 'OPD_METRICS_PORT',
      what: 'allocation metrics',
    },
    ...(withReporting
      ? [
          {
            port: config.reportingPort,
            variable: 'OPD_REPORTING_GRPC_PORT',
            what: 'reporting gRPC',
          },
          {
            port: config.reportingMetricsPort,
            variable: 'OPD_REPORTING_METRICS_PORT',
            what: 'reporting metrics',
          },
        ]
      : []),
  ];
}

/**
 * Says which port is taken and by whom, before any service starts (a service would only die
 * with EADDRINUSE). The defaults 50051/50052 lie in Linux's ephemeral range, so an outgoing
 * connection of any program can hold them for a while.
 */
async function takenPorts(config: StackConfig, withReporting: boolean): Promise<string[]> {
  const range = ephemeralRange();
  const problems: string[] = [];
  for (const { port, variable, what } of stackPorts(config, withReporting)) {
    if (await portIsFree(config.host, port)) continue;
    const ephemeral =
      range && port >= range[0] && port <= range[1]
        ? ` Port ${port} lies in this machine's ephemeral range (${range[0]}-${range[1]}), where outgoing connections take their ports too.`
        : '';
    problems.push(
      `Port ${port} (${what}, ${variable}) on ${config.host} is taken by ${describePortOwner(port)}. ` +
        `Stop that process, or choose another port: ${variable}=<port> npm start.${ephemeral}`,
    );
  }
  return problems;
}

async function main(): Promise<void> {
  const config = loadStackConfig();
  const withReporting = existsSync(path.join(ROOT, REPORTING_MAIN));
  const taken = await takenPorts(config, withReporting);
  if (taken.length > 0) await fail(taken.join('\n'));
  const database = await providePostgres(config);
  await ensureDatabase(config.databaseUrl);
  if (withReporting) await ensureDatabase(config.reportingDatabaseUrl);
  if (!(await natsAnswers(config.natsUrl))) await fail(howToStartNats(config.natsUrl));
  if (stopping) return;

  services.push(allocation(config));
  if (withReporting) services.push(reporting(config));
  for (const service of services) {
    void service.exited.then((code) => {
      if (!stopping)
        void fail(`${service.spec.name} stopped (exit code ${code}); stopping the stack.`);
    });
  }
  await Promise.all(services.map((s) => s.ready()));
  if (stopping) return;
  const demoLine = await demo(config);
  if (!stopping) console.log(banner(config, database, demoLine, withReporting));
}

main().catch((error: unknown) =>
  fail(`npm start failed: ${error instanceof Error ? error.message : String(error)}`),
);
