// Several reporting instances share one durable consumer: JetStream hands each of them some of
// a doctor-day's events, so an instance often holds an event whose predecessor another
// instance is applying. Real NATS, real PostgreSQL, two consumers on one database.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { uniqueStream } from '@opd/event-stream/testing';
import { connect } from '@nats-io/transport-node';
import { createLogger } from '@opd/service-runtime';
import type pg from 'pg';
import { applyEvent } from '../src/consumer/apply-event.js';
import { consumerSettings } from '../src/consumer/consumer-options.js';
import { EventHandler } from '../src/consumer/event-handler.js';
import { decodeEvent } from '../src/consumer/event-message.js';
import { ProjectionConsumer } from '../src/consumer/projection-consumer.js';
import { openConsumerPool } from '../src/db/pg-pool.js';
import { aBusyMorning } from '../src/testing/doctor-day-script.js';
import { EventPublisher, TEST_NATS_URL } from '../src/testing/event-publisher.js';
import { InMemoryReadModel } from '../src/testing/in-memory-read-model.js';
import { readModelSnapshot } from '../src/testing/read-model-snapshot.js';
import { startHarness, type Harness } from './support/harness.js';

const log = createLogger({ name: 'shared-consumer-test', level: 'silent' });
let h: Harness;
let pool: pg.Pool;

beforeAll(async () => {
  h = await startHarness({ env: { OPD_REPORTING_ACK_WAIT_MS: '2000' } });
  pool = openConsumerPool(h.db.url, 9, log);
});
afterAll(async () => {
  await pool?.end();
  await h?.stop();
});

describe('reporting instances sharing one durable consumer', () => {
  it('build the same tables as one instance, each event applied once', async () => {
    // A second instance: the same consumer name, stream and database as the service's.
    let appliedBySecond = 0;
    const second = new ProjectionConsumer({
      pool,
      log,
      natsServers: [TEST_NATS_URL],
      ...consumerSettings(h.config),
      observer: {
        applied: () => (appliedBySecond += 1),
        duplicate: () => undefined,
        heldBack: () => undefined,
        retried: () => undefined,
        parked: () => undefined,
      },
    });
    second.start();
    try {
      const days = [aBusyMorning(), aBusyMorning(), aBusyMorning({ capacities: [6, 6, 6] })];
      const longest = Math.max(...days.map((d) => d.events.length));
      for (let i = 0; i < longest; i++) {
        await h.publisher.publishAll(days.flatMap((d) => d.events.slice(i, i + 1)));
      }
      const total = days.reduce((n, d) => n + d.events.length, 0);
      await h.applied(total, 60_000);

      const expected = InMemoryReadModel.deliver(days.flatMap((d) => d.events)).snapshot();
      expect(
        await readModelSnapshot(
          h.app().orm,
          days.map((d) => d.doctorDayId),
        ),
      ).toEqual(expected);
      // Both instances did part of the work.
      expect(appliedBySecond).toBeGreaterThan(0);
      expect(appliedBySecond).toBeLessThan(total);
    } finally {
      await second.stop();
    }
  }, 90_000);

  it('apply a held event once another instance applied its predecessor, without waiting out the hold', async () => {
    const day = aBusyMorning();
    const [first, second] = day.events;
    if (!first || !second) throw new Error('a busy morning has events');
    // This instance receives only event 2: event 1 went to another instance. (A stream of the
    // test's own, so that the service's consumer does not apply event 2 after its own hold.)
    const stream = uniqueStream();
    const publisher = await EventPublisher.open(stream);
    await publisher.publish(second);
    const nc = await connect({ servers: TEST_NATS_URL });
    try {
      const jsm = await jetstreamManager(nc);
      const name = 'held';
      await jsm.consumers.add(stream.name, {
        durable_name: name,
        ack_policy: AckPolicy.Explicit,
        filter_subject: `${stream.subjectPrefix}.>`,
      });
      const messages = await (
        await jetstream(nc).consumers.get(stream.name, name)
      ).fetch({
        max_messages: 1,
      });
      const received = [];
      for await (const message of messages) received.push(message);
      const [message] = received;
      if (!message) throw new Error('event 2 was not delivered');

      // A minute's hold: only the look at the positions can apply it within the test.
      const handler = new EventHandler({
        pool,
        log,
        streamName: stream.name,
        retry: { maxApplyAttempts: 5, gapWaitMs: 600_000 },
        holdMs: 60_000,
        onTransientFailure: () => undefined,
        onDatabaseAnswered: () => undefined,
      });
      await handler.handleBatch([{ message, decoded: decodeEvent(message.data) }]);
      const position = async () =>
        Number(
          (
            await pool.query<{ n: string }>(
              'select applied_sequence::text as n from event_position where doctor_day_id = $1',
              [day.doctorDayId],
            )
          ).rows[0]?.n ?? 0,
        );
      expect(await position()).toBe(0);

      // The other instance applies event 1.
      await applyEvent(pool, first, { streamSequence: 0, appliedAt: new Date() });
      const deadline = Date.now() + 10_000;
      while ((await position()) < 2 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      handler.releaseHeld();

      expect(await position()).toBe(2);
    } finally {
      await nc.close();
      await publisher.deleteStream();
      await publisher.close();
    }
  }, 30_000);
});
