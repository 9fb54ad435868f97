import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { ensureEventStream } from '@opd/event-stream';
import type { Logger } from '@opd/service-runtime';
import type { ReportingConfig } from '../config.js';
import { migrate, openDatabase } from '../db/orm.js';
import { openConsumerPool } from '../db/pg-pool.js';
import { consumerSettings } from './consumer-options.js';
import { deleteDurableConsumer, ensureDurableConsumer } from './durable-consumer.js';
import { ProjectionConsumer } from './projection-consumer.js';

export interface RebuildReport {
  readonly eventsApplied: number;
  readonly parkedEvents: number;
  readonly durationMs: number;
}

/** Every table of the read model, projections and bookkeeping alike. */
const READ_MODEL_TABLES = 'token_record, doctor_day, event_position, applied_event, parked_event';

/**
 * Drops the read model and replays the whole stream into it: the tables are emptied, then the
 * durable consumer is deleted and created again at the stream's start. In that order the
 * rebuild is safe while service instances keep running: whatever they apply in between is a
 * gap-free start of some doctor-days (the sequence gate sees to that), which the replay then
 * meets as copies; and any consumer that exists afterwards was created after the emptying,
 * so it starts from the beginning. Running instances follow the new consumer and help; this
 * returns once JetStream has nothing left for it.
 */
export async function rebuildReadModel(options: {
  readonly config: ReportingConfig;
  readonly log: Logger;
  readonly timeoutMs?: number;
}): Promise<RebuildReport> {
  const { config, log } = options;
  const started = Date.now();
  const settings = consumerSettings(config);
  const orm = await openDatabase({
    url: config.REPORTING_DATABASE_URL,
    poolMax: config.REPORTING_DATABASE_POOL_MAX,
  });
  const pool = openConsumerPool(config.REPORTING_DATABASE_URL, settings.concurrency + 1, log);
  const nc = await connect({ servers: config.NATS_URL, name: 'opd-reporting-rebuild' });
  let consumer: ProjectionConsumer | undefined;
  try {
    await migrate(orm);
    const jsm = await jetstreamManager(nc);
    await ensureEventStream(jsm, {
      name: settings.durable.streamName,
      subjectPrefix: settings.durable.subjectPrefix,
      replicas: config.OPD_EVENT_STREAM_REPLICAS,
    });
    await orm.em.fork().execute(`truncate ${READ_MODEL_TABLES}`);
    await deleteDurableConsumer(jsm, settings.durable);
    await ensureDurableConsumer(jsm, settings.durable);
    log.info({ durable: settings.durable.durableName }, 'read model emptied; replaying the stream');
    consumer = new ProjectionConsumer({ pool, log, natsServers: config.NATS_URL, ...settings });
    consumer.start();
    await caughtUp(consumer, log, options.timeoutMs ?? Infinity);
    const [counts] = await orm.em.fork().execute<{ applied: string; parked: string }[]>(
      `select (select coalesce(sum(applied_count), 0) from event_position) as applied,
                (select count(*) from parked_event) as parked`,
    );
    return {
      eventsApplied: Number(counts?.applied ?? 0),
      parkedEvents: Number(counts?.parked ?? 0),
      durationMs: Date.now() - started,
    };
  } finally {
    await consumer?.stop();
    await nc.close();
    await pool.end();
    await orm.close();
  }
}

async function caughtUp(consumer: ProjectionConsumer, log: Logger, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let lastLog = Date.now();
  for (;;) {
    const pending = await consumer.pending();
    if (pending === 0) return;
    if (Date.now() > deadline) throw new Error(`the rebuild did not finish in ${timeoutMs} ms`);
    if (Date.now() - lastLog > 5_000) {
      log.info({ pending }, 'replaying');
      lastLog = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
