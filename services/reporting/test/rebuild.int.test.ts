import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createLogger } from '@opd/service-runtime';
import { rebuildReadModel } from '../src/consumer/rebuild.js';
import { aBusyMorning } from '../src/testing/doctor-day-script.js';
import { readModelSnapshot } from '../src/testing/read-model-snapshot.js';
import { aMorningInTheRoom } from '../src/testing/room-day-script.js';
import { aDayOfTokens, Feed } from './support/fixtures.js';
import { eventually, startHarness, type Harness } from './support/harness.js';

let h: Harness;
let feed: Feed;

beforeAll(async () => {
  h = await startHarness();
  feed = new Feed(h);
});
afterAll(async () => {
  await h.stop();
});

const status = () => h.client('reporting').getProjectionStatus({});

describe('rebuilding the read model', () => {
  it('replays the stream from its start into the same tables as were built event by event', async () => {
    const days = [
      ...Array.from({ length: 6 }, () => aBusyMorning()),
      ...Array.from({ length: 4 }, () => aDayOfTokens(20)),
      ...aMorningInTheRoom(),
    ];
    await feed.apply(days.flatMap((d) => d.events));
    await h.publisher.publishBytes(Buffer.from('not an event'), {
      eventType: 'token_allocated',
      msgID: randomUUID(),
    });
    await eventually(status, (s) => s.parkedEventCount === 1 && s.pendingEventCount === 0);
    const before = await readModelSnapshot(h.app().orm);
    const { eventsApplied } = await status();

    const report = await rebuildReadModel({
      config: h.config,
      log: createLogger({ name: 'rebuild-test', level: 'silent' }),
      timeoutMs: 20_000,
    });

    expect(report).toMatchObject({ eventsApplied, parkedEvents: 1 });
    expect(await readModelSnapshot(h.app().orm)).toEqual(before);
    expect(before.tokens.length).toBeGreaterThan(100);
  });

  it('leaves the running service following the new consumer', async () => {
    const day = aBusyMorning();
    await feed.publish(day.events);

    await eventually(
      () => readModelSnapshot(h.app().orm, [day.doctorDayId]),
      (snapshot) => snapshot.tokens.length === 6,
    );
    await eventually(status, (s) => s.pendingEventCount === 0);
  });
});
