// The cluster run: kill -9 of one of the two reporting instances while it holds events JetStream
// delivered to it. Both share one durable consumer, so the other instance goes on applying, and
// the dead one's events come back after the ack wait, to whichever instance asks first.
import { jetstreamManager, type ConsumerInfo } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { queryOnce } from '../database.js';
import { DURABLE, REPORTING_DB, STREAM, type ClusterStack } from '../stack.js';
import { seconds, sleep, waitFor } from '../time.js';
import { Evidence, type FaultRecord } from './fault.js';

/** How long the ack floor must stay put with events outstanding to count as held by the victim. */
const STUCK_MS = 1_500;

async function applied(stack: ClusterStack): Promise<number> {
  const [row] = await queryOnce<{ n: number }>(
    stack.databaseUrl(REPORTING_DB),
    'select coalesce(sum(applied_count), 0)::int as n from event_position',
  ).catch(() => []);
  return row?.n ?? 0;
}

export async function killReportingInstance(stack: ClusterStack): Promise<FaultRecord> {
  const { reportings, natsServers, profile } = stack;
  const [victim, survivor] = reportings;
  if (victim === undefined || survivor === undefined) throw new Error('two reporting instances');
  const evidence = new Evidence();
  const nc = await connect({ servers: [...natsServers], reconnect: false });
  try {
    const jsm = await jetstreamManager(nc);
    const info = () =>
      jsm.consumers.info(STREAM, DURABLE).catch((): ConsumerInfo | undefined => undefined);
    // Frozen, it can acknowledge nothing, while JetStream goes on filling its pull request.
    // The other instance acknowledges what it gets within moments; an ack floor that stays
    // put for seconds with events outstanding is held by the frozen one.
    victim.pause(true);
    let floor = -1;
    let since = Date.now();
    let held: ConsumerInfo | undefined;
    await waitFor(
      async () => {
        const now = await info();
        if (now === undefined) return false;
        if (now.ack_floor.consumer_seq !== floor) {
          floor = now.ack_floor.consumer_seq;
          since = Date.now();
          return false;
        }
        if (Date.now() - since >= STUCK_MS && now.num_ack_pending > 0) held = now;
        return held !== undefined;
      },
      30_000,
      100,
    );
    const before = await applied(stack);
    const pid = victim.pid;
    const startedAt = Date.now();
    const exit = await victim.kill('SIGKILL');
    evidence.require(
      exit?.signal === 'SIGKILL',
      `${victim.instance} pid ${pid} ended by ${exit?.signal ?? 'nothing'}`,
    );
    evidence.require(
      held !== undefined,
      held
        ? `frozen, it held delivered events nobody acknowledged: JetStream's ack floor stayed at consumer sequence ${held.ack_floor.consumer_seq} for ${seconds(STUCK_MS)} with ${held.num_ack_pending} events unacknowledged`
        : 'it held delivered, unacknowledged events when it died',
    );
    await sleep(profile.reportingDownMs);
    const moved = await waitFor(async () => (await applied(stack)) > before, 20_000, 100);
    evidence.require(
      moved,
      `${survivor.instance} applied ${(await applied(stack)) - before} events while ${victim.instance} was down`,
    );
    await victim.start();
    evidence.require(victim.pid !== pid, `restarted as pid ${victim.pid}, healthy`);
    return evidence.record('kill -9 a reporting instance', startedAt);
  } finally {
    victim.pause(false);
    await nc.close();
  }
}
