// The event stream on a three-node JetStream cluster: three copies of every event, and a stream
// that keeps taking and keeping events while the node that leads it is killed and comes back.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { ensureEventStream } from './stream.js';
import { NatsClusterProcess, uniqueStream } from './testing/index.js';

let cluster: NatsClusterProcess;
let nc: NatsConnection;
let jsm: JetStreamManager;
const stream = uniqueStream();

beforeAll(async () => {
  cluster = await NatsClusterProcess.create();
  await cluster.start();
  // As the services connect: every node's URL, reconnecting for ever.
  nc = await connect({ servers: cluster.urls, maxReconnectAttempts: -1, reconnectTimeWait: 250 });
  jsm = await jetstreamManager(nc);
}, 60_000);
afterAll(async () => {
  await nc?.close();
  await cluster?.destroy();
});

async function publish(from: number, count: number): Promise<void> {
  const js = jetstream(nc, { timeout: 5_000 });
  for (let i = from; i < from + count; i++) {
    // Retried as the relay retries: same message id, so a copy is dropped.
    for (let attempt = 1; ; attempt++) {
      try {
        await js.publish(`${stream.subjectPrefix}.token_allocated`, `event ${i}`, {
          msgID: `event-${i}`,
        });
        break;
      } catch (error) {
        if (attempt >= 40) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }
}

async function until(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not so within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the event stream on a three-node cluster', () => {
  it('is created with three replicas when asked, and moved to three from one', async () => {
    expect(await ensureEventStream(jsm, { ...stream, replicas: 1 })).toBe('created');
    expect((await jsm.streams.info(stream.name)).config.num_replicas).toBe(1);

    expect(await ensureEventStream(jsm, { ...stream, replicas: 3 })).toBe('updated');
    expect(await ensureEventStream(jsm, { ...stream, replicas: 3 })).toBe('unchanged');
    const info = await jsm.streams.info(stream.name);
    expect(info.config.num_replicas).toBe(3);
    // The two new copies are placed on the other nodes within moments.
    await until(async () => (await jsm.streams.info(stream.name)).cluster?.replicas?.length === 2);
  });

  it('keeps every event, once, while its leader is killed and comes back', async () => {
    await publish(0, 50);
    const leader = (await jsm.streams.info(stream.name)).cluster?.leader;
    expect(leader).toMatch(/^n[123]$/);

    await cluster.killNode(leader ?? '');
    await publish(50, 50);
    const during = await jsm.streams.info(stream.name);
    expect(during.cluster?.leader).not.toBe(leader);
    expect(during.state.messages).toBe(100);

    cluster.startNode(leader ?? '');
    await publish(100, 50);
    // The node that came back catches up with what it missed.
    await until(async () => {
      const info = await jsm.streams.info(stream.name);
      const back = info.cluster?.replicas?.find((r) => r.name === leader);
      const caughtUp =
        info.cluster?.leader === leader || (back?.current === true && (back.lag ?? 0) === 0);
      // A node just back may answer from its own copy first: wait for the stream to agree.
      return caughtUp && info.state.messages === 150;
    });
    const info = await jsm.streams.info(stream.name);
    expect(info.state.messages).toBe(150);
    expect(info.state.first_seq).toBe(1);
    expect(info.state.last_seq).toBe(150);
  }, 60_000);
});
