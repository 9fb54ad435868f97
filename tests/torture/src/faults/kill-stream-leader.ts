// The cluster run: kill -9 of the NATS node that leads the event stream, kept down, then started
// again on its store. The other two elect a new leader; the relays (connected to every node)
// go on publishing to it; the node that comes back catches up.
import { queryOnce } from '../database.js';
import { ALLOCATION_DB, STREAM, type ClusterStack } from '../stack.js';
import { seconds, sleep, waitFor } from '../time.js';
import { Evidence, type FaultRecord } from './fault.js';
import { awaitRecovery } from './recovery.js';

async function published(stack: ClusterStack): Promise<number> {
  const [row] = await queryOnce<{ n: number }>(
    stack.databaseUrl(ALLOCATION_DB),
    'select count(*)::int as n from outbox_event where published_at is not null',
  ).catch(() => []);
  return row?.n ?? 0;
}

export async function killStreamLeader(stack: ClusterStack): Promise<FaultRecord> {
  const { nats, profile, allocations, reportings } = stack;
  const evidence = new Evidence();
  const leader = await nats.awaitLeader(STREAM);
  evidence.require(leader !== undefined, `the stream's leader was ${leader ?? 'nobody'}`);
  const node = nats.node(leader ?? '');
  const pid = node.pid;
  const before = await published(stack);
  const startedAt = Date.now();
  const exit = await node.crash();
  evidence.require(
    exit?.signal === 'SIGKILL',
    `nats-server ${node.name} pid ${pid} ended by ${exit?.signal ?? 'nothing'}`,
  );
  const elected = await nats.awaitLeader(STREAM, leader);
  const electedMs = Date.now() - startedAt;
  evidence.require(
    elected !== undefined,
    `the other nodes elected ${elected ?? 'nobody'} the stream's leader ${seconds(electedMs)} after the kill`,
  );
  if (elected !== undefined) evidence.measure('leaderElectedMs', electedMs);
  await sleep(Math.max(0, profile.natsDownMs - (Date.now() - startedAt)));
  // Events of changes committed meanwhile reached the stream without the dead node.
  const moved = await waitFor(async () => (await published(stack)) > before, 20_000, 100);
  evidence.require(
    moved,
    `${(await published(stack)) - before} events published while ${node.name} was down`,
  );
  evidence.note(`down for ${seconds(Date.now() - startedAt)}`);
  await node.start();
  evidence.note(`${node.name} started again on its store as pid ${node.pid}`);
  const caughtUp = await waitFor(
    async () => {
      const info = await nats.streamInfo(STREAM);
      const replica = info?.cluster?.replicas?.find((r) => r.name === node.name);
      return info?.cluster?.leader === node.name || (replica?.current === true && !replica.lag);
    },
    60_000,
    200,
  );
  evidence.expect(caughtUp, `${node.name} caught up with the stream`);
  await awaitRecovery([...allocations, ...reportings], evidence);
  return evidence.record('kill -9 the NATS stream leader', startedAt);
}
