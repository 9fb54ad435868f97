// The cluster run's failover drill: the PostgreSQL primary dies with every backend (kill -9, as
// when its machine is lost), and after a pause — an operator's or a watchdog's — the synchronous
// standby is promoted. The services find the new primary through their multi-host URL; no
// write they acknowledged may be missing from it (the final checks read it from there).
import { portAnswers } from '../ports.js';
import type { ClusterStack } from '../stack.js';
import { seconds, sleep, waitFor } from '../time.js';
import { Evidence, type FaultRecord } from './fault.js';
import { awaitRecovery, expectReportsDown } from './recovery.js';

export async function postgresFailover(stack: ClusterStack): Promise<FaultRecord> {
  const { postgres, allocations, reportings, profile, driver } = stack;
  const evidence = new Evidence();
  const services = [...allocations, ...reportings];
  await waitFor(() => driver.inFlight >= Math.min(4, profile.workers), 5_000, 5);
  const inFlight = driver.inFlight;
  const startedAt = Date.now();
  const exit = await postgres.killPrimary();
  evidence.require(
    exit?.signal === 'SIGKILL',
    `the primary and its backends ended by ${exit?.signal ?? 'nothing'}`,
  );
  evidence.require(inFlight > 0, `${inFlight} calls in flight at the kill`);
  evidence.require(
    !(await portAnswers(postgres.primaryPort)),
    "the primary's port refused connections",
  );
  await sleep(profile.postgresDownMs / 2);
  for (const service of services) await expectReportsDown(service, 'database', startedAt, evidence);
  await sleep(Math.max(0, profile.postgresDownMs - (Date.now() - startedAt)));
  const acknowledged = driver.acknowledged;
  const promotedAt = Date.now();
  await postgres.promoteStandby();
  evidence.require(
    await postgres.isPrimary('standby'),
    `the standby was promoted ${seconds(promotedAt - startedAt)} after the kill and accepts writes`,
  );
  const written = await waitFor(() => driver.acknowledged > acknowledged, 60_000, 10);
  const failoverMs = driver.lastAcknowledgedAt - startedAt;
  evidence.require(
    written,
    `the first write acknowledged on the new primary ${seconds(driver.lastAcknowledgedAt - promotedAt)} after the promotion, ${seconds(failoverMs)} after the kill`,
  );
  if (written) {
    evidence.measure('failoverMs', failoverMs);
    evidence.measure('promotionToWriteMs', driver.lastAcknowledgedAt - promotedAt);
  }
  await awaitRecovery(services, evidence);
  evidence.note('the old primary stays down (fenced)');
  return evidence.record('PostgreSQL failover', startedAt);
}
