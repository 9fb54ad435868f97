// kill -9 of the allocation service in the middle of the load, then a restart on the same port.
// Transactions in flight die with their connections; answers in flight never arrive.
import { portAnswers } from '../ports.js';
import type { SingleStack } from '../stack.js';
import { sleep, waitFor } from '../time.js';
import { Evidence, type FaultRecord } from './fault.js';

export async function killAllocation(stack: SingleStack): Promise<FaultRecord> {
  const { allocation, driver, profile } = stack;
  const evidence = new Evidence();
  // In the middle of the load: with calls waiting for answers.
  await waitFor(() => driver.inFlight >= Math.min(4, profile.workers), 5_000, 5);
  const inFlight = driver.inFlight;
  const pid = allocation.pid;
  const startedAt = Date.now();
  const exit = await allocation.kill('SIGKILL');
  evidence.require(exit?.signal === 'SIGKILL', `pid ${pid} ended by ${exit?.signal ?? 'nothing'}`);
  evidence.require(inFlight > 0, `${inFlight} calls in flight at the kill`);
  evidence.require(
    !(await portAnswers(allocation.definition.ports.grpc)),
    'its gRPC port refused connections',
  );
  await sleep(profile.allocationDownMs);
  await allocation.start();
  evidence.require(allocation.pid !== pid, `restarted as pid ${allocation.pid}, healthy`);
  return evidence.record('kill -9 allocation', startedAt);
}
