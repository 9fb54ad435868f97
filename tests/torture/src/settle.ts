// The end of a run waits until everything the faults held back has arrived: every outbox row
// published, and the reporting consumer caught up with every doctor-day's last event.
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { queryOnce } from './database.js';
import { ALLOCATION_DB, DURABLE, REPORTING_DB, STREAM, type Stack } from './stack.js';
import { waitFor } from './time.js';

export interface Settled {
  readonly outboxDrainedMs: number | undefined;
  readonly reportingCaughtUpMs: number | undefined;
  /** What was still missing when time ran out. */
  readonly lagging: string[];
}

async function unpublished(stack: Stack): Promise<number> {
  const [row] = await queryOnce<{ n: number }>(
    stack.databaseUrl(ALLOCATION_DB),
    'select count(*)::int as n from outbox_event where published_at is null',
  );
  return row?.n ?? -1;
}

/** Doctor-days whose last event the read model has not applied, and JetStream's pending count. */
async function reportingLag(stack: Stack): Promise<string[]> {
  const days = await queryOnce<{ id: string; seq: string }>(
    stack.databaseUrl(ALLOCATION_DB),
    'select id, event_sequence::text as seq from doctor_day where event_sequence > 0',
  );
  const positions = await queryOnce<{ id: string; seq: string }>(
    stack.databaseUrl(REPORTING_DB),
    'select doctor_day_id as id, applied_sequence::text as seq from event_position',
  );
  const applied = new Map(positions.map((p) => [p.id, p.seq]));
  const behind = days
    .filter((d) => applied.get(d.id) !== d.seq)
    .map((d) => `doctor-day ${d.id} at ${applied.get(d.id) ?? 0} of ${d.seq}`);
  const nc = await connect({ servers: [...stack.natsServers], reconnect: false });
  try {
    const info = await (await jetstreamManager(nc)).consumers.info(STREAM, DURABLE);
    if (info.num_pending + info.num_ack_pending > 0)
      behind.push(
        `JetStream: ${info.num_pending} undelivered, ${info.num_ack_pending} unacknowledged`,
      );
  } finally {
    await nc.close();
  }
  return behind;
}

export async function settle(stack: Stack): Promise<Settled> {
  const timeout = stack.profile.settleTimeoutMs;
  const started = Date.now();
  const drained = await waitFor(
    async () => (await unpublished(stack).catch(() => -1)) === 0,
    timeout,
    250,
  );
  const outboxDrainedMs = drained ? Date.now() - started : undefined;
  let lagging: string[] = [];
  const caughtUp = await waitFor(
    async () => {
      lagging = await reportingLag(stack).catch((error: unknown) => [String(error)]);
      return lagging.length === 0;
    },
    Math.max(timeout - (Date.now() - started), 10_000),
    250,
  );
  if (!drained)
    lagging.unshift(`${await unpublished(stack).catch(() => -1)} outbox rows unpublished`);
  return {
    outboxDrainedMs,
    reportingCaughtUpMs: caughtUp ? Date.now() - started : undefined,
    lagging,
  };
}
