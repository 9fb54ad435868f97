// PostgreSQL restarted once: a fast shutdown (open transactions rolled back, every connection
// cut), a pause, and a start on the same data. Both services must reconnect on their own.
import { portAnswers } from '../ports.js';
import type { SingleStack } from '../stack.js';
import { sleep, waitFor } from '../time.js';
import { Evidence, type FaultRecord } from './fault.js';
import { awaitRecovery, expectReportsDown } from './recovery.js';

export async function restartPostgres(stack: SingleStack): Promise<FaultRecord> {
  const { postgres, allocation, reporting, profile, driver } = stack;
  const evidence = new Evidence();
  // In the middle of the load: with calls, and so transactions, under way.
  await waitFor(() => driver.inFlight >= Math.min(4, profile.workers), 5_000, 5);
  const inFlight = driver.inFlight;
  const startedAt = Date.now();
  await postgres.stop();
  evidence.require(inFlight > 0, `${inFlight} calls in flight at the stop`);
  evidence.require(
    !(await portAnswers(postgres.port)),
    'PostgreSQL stopped: its port refused connections',
  );
  await sleep(profile.postgresDownMs / 2);
  await expectReportsDown(allocation, 'database', startedAt, evidence);
  await expectReportsDown(reporting, 'database', startedAt, evidence);
  await sleep(profile.postgresDownMs / 2);
  evidence.note(`down for ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  await postgres.restart();
  evidence.note('started again on the same data directory');
  await awaitRecovery([allocation, reporting], evidence);
  return evidence.record('PostgreSQL restart', startedAt);
}
