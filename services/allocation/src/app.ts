import { randomUUID } from 'node:crypto';
import { DEFAULT_POLICY, priorityFromOrder } from '@opd/engine';
import type { ApiKeyStore } from '@opd/service-runtime';
import {
  CallLimits,
  createLogger,
  createMetricsRegistry,
  loadApiKeys,
  PageTokens,
  RpcMetrics,
  serverLimitsFrom,
  startGrpcServer,
  startMetricsServer,
  type Logger,
  type RunningMetricsServer,
} from '@opd/service-runtime';
import { systemClock, type Clock } from './clock.js';
import type { CommandEnv } from './commands/command-env.js';
import { DayCache } from './commands/day-cache.js';
import { runDoctorDayBatch } from './commands/doctor-day-batch.js';
import { DoctorDayBatcher } from './commands/doctor-day-batcher.js';
import type { AllocationConfig } from './config.js';
import { DayLocations } from './db/day-locations.js';
import { migrate, openDatabase } from './db/orm.js';
import { openWritePool } from './db/write-pool.js';
import { describeFailure } from './grpc/domain-errors.js';
import { allocationService } from './grpc/allocation-service.js';
import { ALLOCATION_PAGE_POSITIONS } from './grpc/page-positions.js';
import type { Hospital } from './hospital.js';
import { startSweeper } from './jobs/sweeper.js';
import { AllocationMetrics } from './metrics.js';
import { OutboxRelay } from './outbox/index.js';
import { BoardHub } from './watch/board-hub.js';
import { allocationServiceDefinition, liveBoardEncoding } from './grpc/live-board.js';
import { DoctorDayChanges, type DayChanged } from './watch/doctor-day-changes.js';

export interface AllocationAppOptions {
  readonly config: AllocationConfig;
  readonly clock?: Clock;
  readonly log?: Logger;
  /** Keys to accept; read from OPD_API_KEYS / OPD_API_KEYS_FILE when absent. */
  readonly apiKeys?: ApiKeyStore;
}

export interface RunningAllocation {
  readonly port: number;
  readonly metricsPort: number;
  readonly env: CommandEnv;
  /** Graceful: health NOT_SERVING, drain calls, stop jobs, close connections. */
  stop(graceMs?: number): Promise<void>;
}

/** Wiring only: config → database → server → jobs. */
export async function startAllocationService(
  options: AllocationAppOptions,
): Promise<RunningAllocation> {
  const { config } = options;
  const log = options.log ?? createLogger({ name: 'allocation', level: config.LOG_LEVEL });
  const keys = options.apiKeys ?? loadApiKeys();
  const orm = await openDatabase({ url: config.DATABASE_URL, poolMax: config.DATABASE_POOL_MAX });
  if (config.OPD_MIGRATE_ON_START) {
    const applied = await migrate(orm);
    if (applied.length) log.info({ applied }, 'applied database migrations');
  }

  const hospital: Hospital = {
    timeZone: config.OPD_TIME_ZONE,
    defaultCountry: config.OPD_DEFAULT_COUNTRY,
    bookingHorizonDays: config.OPD_BOOKING_HORIZON_DAYS,
    sourcesByRole: config.OPD_ROLE_SOURCES,
    policy: {
      ...DEFAULT_POLICY,
      sourcePriority: priorityFromOrder(config.OPD_PRIORITY_ORDER),
      noShowGraceMinutes: config.OPD_NO_SHOW_GRACE_MINUTES,
      undoWindowMinutes: config.OPD_UNDO_WINDOW_MINUTES,
      waitlistBound: {
        share: config.OPD_WAITLIST_SHARE,
        minimum: config.OPD_WAITLIST_MINIMUM,
      },
    },
  };
  const registry = createMetricsRegistry({ service: 'allocation' });
  const metricsOfEvents = new AllocationMetrics(registry);
  // The relay is made after the env; commits reach it through this.
  let relayed: ((days: readonly DayChanged[]) => void) | undefined;
  const writePool = openWritePool({
    url: config.DATABASE_URL,
    max: config.DATABASE_POOL_MAX,
    statementTimeoutMs: config.OPD_STATEMENT_TIMEOUT_MS,
    log,
  });
  // Live boards learn of this process's commits at once, of other instances' by reading sequences.
  const changes = new DoctorDayChanges(writePool, config.OPD_WATCH_POLL_MS, log);
  // The batcher runs its batches with the env it is part of (called only once it exists).
  const batcher = new DoctorDayBatcher(
    (day, batch) => runDoctorDayBatch(env, day, batch),
    config.OPD_BATCH_MAX,
  );
  const env: CommandEnv = {
    orm,
    writePool,
    batcher,
    dayCache: new DayCache(config.OPD_DAY_CACHE_DAYS),
    locations: new DayLocations(writePool, 100_000),
    describeFailure,
    clock: options.clock ?? systemClock,
    hospital,
    newId: randomUUID,
    transactions: {
      lockTimeoutMs: config.OPD_LOCK_TIMEOUT_MS,
      statementTimeoutMs: config.OPD_STATEMENT_TIMEOUT_MS,
      maxAttempts: config.OPD_TX_MAX_ATTEMPTS,
    },
    pageTokens: new PageTokens(config.OPD_PAGE_TOKEN_SECRET, ALLOCATION_PAGE_POSITIONS),
    onBatch: (requests) => metricsOfEvents.batchCommitted(requests),
    onCommit: (days) => {
      changes.announce(days);
      relayed?.(days);
    },
  };

  changes.start();
  const limits = new CallLimits(serverLimitsFrom(config));
  const deps = { keys, log, metrics: new RpcMetrics(registry), limits };
  const boards = new BoardHub(env, changes, {
    ...liveBoardEncoding(() => ({ now: env.clock.now(), policy: env.hospital.policy })),
    built: () => metricsOfEvents.boardBuilt(),
  });
  const server = await startGrpcServer({
    host: config.OPD_GRPC_HOST,
    port: config.OPD_GRPC_PORT,
    services: [
      {
        definition: allocationServiceDefinition,
        implementation: allocationService(env, deps, boards),
        name: 'opd.v1.AllocationService',
      },
    ],
    tls:
      config.OPD_TLS_CERT_FILE && config.OPD_TLS_KEY_FILE
        ? {
            certFile: config.OPD_TLS_CERT_FILE,
            keyFile: config.OPD_TLS_KEY_FILE,
            ...(config.OPD_TLS_CA_FILE ? { caFile: config.OPD_TLS_CA_FILE } : {}),
            requireClientCert: config.OPD_TLS_REQUIRE_CLIENT_CERT,
          }
        : undefined,
    limits,
    log,
  });
  const relay = new OutboxRelay({
    databaseUrl: config.DATABASE_URL,
    nats: { servers: config.NATS_URL },
    logger: log,
    stream: {
      name: config.OPD_EVENT_STREAM,
      subjectPrefix: config.OPD_EVENT_SUBJECT_PREFIX,
      replicas: config.OPD_EVENT_STREAM_REPLICAS,
    },
    retentionDays: config.OPD_OUTBOX_RETENTION_DAYS,
    // The database sends no NOTIFY (ADR 0019): this process's commits arrive through
    // `committed`, and other instances' events through the relay's poll.
    listen: false,
    onPublished: (event) => metricsOfEvents.eventPublished(event.eventType, event.createdAt),
  });
  metricsOfEvents.readBacklogFrom(async () => (await relay.stats()).backlog);
  relay.start();
  relayed = (days) => relay.committed(days);
  const sweeper =
    config.OPD_SWEEP_INTERVAL_MS > 0
      ? startSweeper(env, config.OPD_SWEEP_INTERVAL_MS, log)
      : undefined;
  const metrics: RunningMetricsServer = await startMetricsServer({
    host: config.OPD_GRPC_HOST,
    port: config.OPD_METRICS_PORT,
    registry,
    load: () => server.load(),
    health: async () => {
      const database = await orm.em
        .fork()
        .execute('select 1')
        .then(
          () => 'up',
          (error: unknown) => `down: ${(error as Error).message}`,
        );
      const broker = (await relay.stats().catch(() => undefined))?.brokerConnected ? 'up' : 'down';
      return { ok: database === 'up' && broker === 'up', details: { database, broker } };
    },
  });
  log.info({ port: server.port, metricsPort: metrics.port }, 'allocation service is serving');

  return {
    port: server.port,
    metricsPort: metrics.port,
    env,
    async stop(graceMs = 10_000) {
      // Each step logged, so a stop that hangs says where.
      const step = async (name: string, work: () => Promise<unknown>) => {
        const started = performance.now();
        await work();
        log.info({ durationMs: Math.round(performance.now() - started) }, `stopped: ${name}`);
      };
      await step('grpc server', () => server.shutdown(graceMs));
      await step('sweeper', async () => sweeper?.stop());
      await step('outbox relay', () => relay.stop());
      await step('metrics', () => metrics.close());
      await step('board change poller', async () => changes.stop());
      await step('database', async () => {
        await writePool.end();
        await orm.close();
      });
    },
  };
}
