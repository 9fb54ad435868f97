import type { MikroORM } from '@mikro-orm/postgresql';
import type { EventEnvelope } from '@opd/api';
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
  type ApiKeyStore,
  type Logger,
} from '@opd/service-runtime';
import type { ReportingConfig } from './config.js';
import { consumerSettings } from './consumer/consumer-options.js';
import { ProjectionConsumer } from './consumer/projection-consumer.js';
import { migrate, openDatabase } from './db/orm.js';
import { openConsumerPool, openPgPool } from './db/pg-pool.js';
import { reportingServiceDefinition } from './grpc/reporting-definition.js';
import { REPORTING_PAGE_POSITIONS } from './grpc/page-positions.js';
import { reportingService } from './grpc/reporting-service.js';
import { ReportingMetrics } from './metrics.js';
import { ExportSlots } from './queries/export-slots.js';
import type { ReportingEnv } from './reporting-env.js';

export interface ReportingAppOptions {
  readonly config: ReportingConfig;
  readonly log?: Logger;
  /** Keys to accept; read from OPD_API_KEYS / OPD_API_KEYS_FILE when absent. */
  readonly apiKeys?: ApiKeyStore;
  /** Runs between an event's commit and its ack; a throw leaves it unacknowledged (tests). */
  readonly afterCommit?: (event: EventEnvelope) => Promise<void> | void;
}

export interface RunningReporting {
  readonly port: number;
  readonly metricsPort: number;
  readonly orm: MikroORM;
  /** Graceful: health NOT_SERVING, drain calls, hand back unapplied events, close connections. */
  stop(graceMs?: number): Promise<void>;
}

/** Wiring only: config → database → consumer → server. */
export async function startReportingService(
  options: ReportingAppOptions,
): Promise<RunningReporting> {
  const { config } = options;
  const log = options.log ?? createLogger({ name: 'reporting', level: config.LOG_LEVEL });
  const keys = options.apiKeys ?? loadApiKeys();
  const orm = await openDatabase({
    url: config.REPORTING_DATABASE_URL,
    poolMax: config.REPORTING_DATABASE_POOL_MAX,
  });
  if (config.OPD_MIGRATE_ON_START) {
    const applied = await migrate(orm);
    if (applied.length) log.info({ applied }, 'applied database migrations');
  }

  const registry = createMetricsRegistry({ service: 'reporting' });
  const metrics = new ReportingMetrics(registry);
  const settings = consumerSettings(config);
  const pool = openConsumerPool(config.REPORTING_DATABASE_URL, settings.concurrency + 1, log);
  const consumer = new ProjectionConsumer({
    pool,
    log,
    natsServers: config.NATS_URL,
    ...settings,
    observer: metrics,
    ...(options.afterCommit ? { afterCommit: options.afterCommit } : {}),
  });
  consumer.start();
  // One connection per export slot, apart from the ORM's, so exports never wait for one.
  const exportPool = openPgPool(
    config.REPORTING_DATABASE_URL,
    { size: config.OPD_REPORTING_MAX_EXPORTS, applicationName: 'opd-reporting-export' },
    log,
  );
  const env: ReportingEnv = {
    orm,
    pageTokens: new PageTokens(config.OPD_PAGE_TOKEN_SECRET, REPORTING_PAGE_POSITIONS),
    exports: new ExportSlots({
      total: config.OPD_REPORTING_MAX_EXPORTS,
      perKey: config.OPD_REPORTING_MAX_EXPORTS_PER_KEY,
    }),
    exportPool,
    exportStallMs: config.OPD_REPORTING_EXPORT_STALL_MS,
    pending: () => consumer.pending(),
  };
  metrics.readFrom({
    pending: env.pending,
    parked: async () => {
      const [row] = await orm.em
        .fork()
        .execute<{ n: string }[]>('select count(*) as n from parked_event');
      return Number(row?.n ?? 0);
    },
  });

  const limits = new CallLimits(serverLimitsFrom(config));
  const server = await startGrpcServer({
    host: config.OPD_GRPC_HOST,
    port: config.OPD_REPORTING_GRPC_PORT,
    services: [
      {
        definition: reportingServiceDefinition,
        implementation: reportingService(env, {
          keys,
          log,
          metrics: new RpcMetrics(registry),
          limits,
        }),
        name: 'opd.v1.ReportingService',
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
  const metricsServer = await startMetricsServer({
    host: config.OPD_GRPC_HOST,
    port: config.OPD_REPORTING_METRICS_PORT,
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
      const broker = consumer.connected ? 'up' : 'down';
      return { ok: database === 'up' && broker === 'up', details: { database, broker } };
    },
  });
  log.info({ port: server.port, metricsPort: metricsServer.port }, 'reporting service is serving');

  return {
    port: server.port,
    metricsPort: metricsServer.port,
    orm,
    async stop(graceMs = 10_000) {
      await server.shutdown(graceMs);
      await consumer.stop();
      await metricsServer.close();
      await pool.end();
      await exportPool.end();
      await orm.close();
    },
  };
}
