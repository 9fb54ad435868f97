// kill -9 of the reporting service while it holds events it has not acknowledged yet, then a
// restart: JetStream must deliver them again and the read model must apply each exactly once.
import { jetstreamManager, type ConsumerInfo } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { DURABLE, STREAM, type SingleStack } from '../stack.js';
import { sleep } from '../time.js';
import { Evidence, type FaultRecord } from './fault.js';

export async function killReporting(stack: SingleStack): Promise<FaultRecord> {
  const { reporting, nats, profile } = stack;
  const evidence = new Evidence();
  const nc = await connect({ servers: nats.url, reconnect: false });
  try {
    const jsm = await jetstreamManager(nc);
    const held = async (): Promise<number> =>
      (await jsm.consumers.info(STREAM, DURABLE).catch((): ConsumerInfo | undefined => undefined))
        ?.num_ack_pending ?? 0;
    // Freeze it, and ask JetStream what it holds: a frozen process cannot acknowledge behind
    // our back. Nothing held yet: let it go on a moment and look again.
    const deadline = Date.now() + 20_000;
    let unacknowledged = 0;
    for (;;) {
      reporting.pause(true);
      unacknowledged = await held();
      if (unacknowledged > 0 || Date.now() > deadline) break;
      reporting.pause(false);
      await sleep(10);
    }
    const pid = reporting.pid;
    const startedAt = Date.now();
    const exit = await reporting.kill('SIGKILL');
    evidence.require(
      exit?.signal === 'SIGKILL',
      `pid ${pid} ended by ${exit?.signal ?? 'nothing'}`,
    );
    evidence.require(
      unacknowledged > 0,
      `it held ${unacknowledged} delivered, unacknowledged events when it died`,
    );
    await sleep(profile.reportingDownMs);
    await reporting.start();
    evidence.require(reporting.pid !== pid, `restarted as pid ${reporting.pid}, healthy`);
    return evidence.record('kill -9 reporting', startedAt);
  } finally {
    await nc.close();
  }
}
