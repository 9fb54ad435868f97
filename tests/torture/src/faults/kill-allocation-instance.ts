// The cluster run: kill -9 of one of the two allocation instances with calls in flight. Clients
// given both instances carry on with the other (round_robin; a call the dead one left
// unanswered is retried there with its request_id), and the dead one comes back on its port.
import { portAnswers } from '../ports.js';
import type { ClusterStack } from '../stack.js';
import { seconds, sleep, waitFor } from '../time.js';
import { Evidence, type FaultRecord } from './fault.js';

export async function killAllocationInstance(stack: ClusterStack): Promise<FaultRecord> {
  const { allocations, driver, profile } = stack;
  const [victim, survivor] = allocations;
  if (victim === undefined || survivor === undefined) throw new Error('two allocation instances');
  const evidence = new Evidence();
  await waitFor(() => driver.inFlight >= Math.min(4, profile.workers), 5_000, 5);
  const inFlight = driver.inFlight;
  const pid = victim.pid;
  const acknowledged = driver.acknowledged;
  const startedAt = Date.now();
  const exit = await victim.kill('SIGKILL');
  evidence.require(
    exit?.signal === 'SIGKILL',
    `${victim.instance} pid ${pid} ended by ${exit?.signal ?? 'nothing'}`,
  );
  evidence.require(inFlight > 0, `${inFlight} calls in flight at the kill`);
  evidence.require(
    !(await portAnswers(victim.definition.ports.grpc)),
    'its gRPC port refused connections',
  );
  // While it is down, the other instance answers.
  const served = await waitFor(() => driver.acknowledged > acknowledged, 10_000, 10);
  const firstAnswerMs = driver.lastAcknowledgedAt - startedAt;
  evidence.require(
    served,
    `${survivor.instance} acknowledged operations while ${victim.instance} was down (the first ${seconds(firstAnswerMs)} after the kill)`,
  );
  if (served) evidence.measure('firstAcknowledgedAfterKillMs', firstAnswerMs);
  await sleep(Math.max(0, profile.allocationDownMs - (Date.now() - startedAt)));
  evidence.note(`${driver.acknowledged - acknowledged} operations acknowledged meanwhile`);
  await victim.start();
  evidence.require(victim.pid !== pid, `restarted as pid ${victim.pid}, healthy`);
  evidence.expect(
    (await survivor.health()) === 'up',
    `${survivor.instance} healthy throughout (it said so after)`,
  );
  return evidence.record('kill -9 an allocation instance', startedAt);
}
