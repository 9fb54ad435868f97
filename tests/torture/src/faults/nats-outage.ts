// NATS unreachable for a while: the private nats-server is stopped, kept down, and started
// again on the same store. Commands must go on committing; their events wait in the outbox.
import { portAnswers } from '../ports.js';
import { queryOnce } from '../database.js';
import { ALLOCATION_DB, type SingleStack } from '../stack.js';
import { sleep } from '../time.js';
import { Evidence, type FaultRecord } from './fault.js';
import { awaitRecovery, expectReportsDown } from './recovery.js';

export async function natsOutage(stack: SingleStack): Promise<FaultRecord> {
  const { nats, allocation, reporting, profile } = stack;
  const evidence = new Evidence();
  const pid = nats.pid;
  const startedAt = Date.now();
  const exit = await nats.stop();
  evidence.require(
    exit !== undefined,
    `nats-server pid ${pid} stopped by SIGTERM (it exited with ${exit?.signal ?? `code ${exit?.code}`})`,
  );
  evidence.require(!(await portAnswers(nats.port)), 'its port refused connections');
  // Half-way through, the services must say the broker is gone.
  await sleep(profile.natsDownMs / 2);
  await expectReportsDown(allocation, 'broker', startedAt, evidence);
  await expectReportsDown(reporting, 'broker', startedAt, evidence);
  await sleep(profile.natsDownMs / 2);
  evidence.note(`down for ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  const waiting = await unpublished(stack);
  evidence.require(waiting > 0, `${waiting} events committed meanwhile waited in the outbox`);
  await nats.start();
  evidence.note(`nats-server started again on the same store as pid ${nats.pid}`);
  await awaitRecovery([allocation, reporting], evidence);
  return evidence.record('NATS outage', startedAt);
}

async function unpublished(stack: SingleStack): Promise<number> {
  const [row] = await queryOnce<{ n: number }>(
    stack.postgres.url(ALLOCATION_DB),
    'select count(*)::int as n from outbox_event where published_at is null',
  ).catch(() => []);
  return row?.n ?? 0;
}
