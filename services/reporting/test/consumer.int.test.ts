import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@opd/api';
import { aBusyMorning, type DoctorDayScript } from '../src/testing/doctor-day-script.js';
import { InMemoryReadModel } from '../src/testing/in-memory-read-model.js';
import { eventsApplied, readModelSnapshot } from '../src/testing/read-model-snapshot.js';
import { aMorningInTheRoom } from '../src/testing/room-day-script.js';
import { eventually, startHarness, type Harness } from './support/harness.js';

// Events whose first commit is followed by a simulated crash before the ack.
const crashOnce = new Set<string>();

let h: Harness;
let published = 0;

beforeAll(async () => {
  h = await startHarness({
    env: { OPD_REPORTING_ACK_WAIT_MS: '1000' },
    afterCommit: (event) => {
      if (crashOnce.delete(event.eventId)) throw new Error('the process died before the ack');
    },
  });
});
afterAll(async () => {
  await h.stop();
});

/** Publishes events and remembers how many distinct ones the read model should end with. */
async function publish(events: readonly EventEnvelope[]): Promise<void> {
  await h.publisher.publishAll(events);
}

/** Waits until every event of the days is applied and JetStream holds nothing back. */
async function settled(days: readonly DoctorDayScript[]): Promise<void> {
  published += days.reduce((n, d) => n + d.events.length, 0);
  await h.applied(published);
  await eventually(
    () => h.client('reporting').getProjectionStatus({}),
    (status) => status.pendingEventCount === 0,
  );
}

const expected = (days: readonly DoctorDayScript[]) =>
  InMemoryReadModel.deliver(days.flatMap((d) => d.events)).snapshot();
const actual = (days: readonly DoctorDayScript[]) =>
  readModelSnapshot(
    h.app().orm,
    days.map((d) => d.doctorDayId),
  );

describe('the read model consumer', () => {
  it("builds the same tables as the reference from five doctors' busy mornings", async () => {
    const days = [
      aBusyMorning(),
      aBusyMorning(),
      aBusyMorning({ capacities: [6, 6, 6] }),
      ...aMorningInTheRoom(),
    ];
    // Interleaved, as the stream carries several doctors at once.
    const longest = Math.max(...days.map((d) => d.events.length));
    for (let i = 0; i < longest; i++) {
      await publish(days.flatMap((d) => d.events.slice(i, i + 1)));
    }
    await settled(days);

    expect(await actual(days)).toEqual(expected(days));
  });

  it('changes nothing when events are published again, under the same or another message id', async () => {
    const day = aBusyMorning();
    await publish(day.events);
    await settled([day]);
    const before = await actual([day]);
    const applied = await eventsApplied(h.app().orm);

    for (const event of day.events) await h.publisher.publish(event); // dropped by JetStream
    for (const event of day.events) await h.publisher.publish(event, { msgID: randomUUID() });
    await eventually(
      () => h.client('reporting').getProjectionStatus({}),
      (status) => status.pendingEventCount === 0,
    );

    expect(await actual([day])).toEqual(before);
    expect(await eventsApplied(h.app().orm)).toBe(applied);
  });

  it('applies a later event after the earlier one when the later arrives first', async () => {
    const day = aBusyMorning();
    const [first, second, third, ...rest] = day.events as [
      EventEnvelope,
      EventEnvelope,
      EventEnvelope,
    ];
    await publish([first, third]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect((await actual([day])).tokens).toEqual([]); // 3 waits for 2
    await publish([second, ...rest.reverse()]);
    await settled([day]);

    expect(await actual([day])).toEqual(expected([day]));
  });

  it('changes nothing when the consumer dies between the commit and the ack', async () => {
    const day = aBusyMorning();
    for (const event of day.events.filter((_, i) => i % 3 === 1)) crashOnce.add(event.eventId);
    await publish(day.events);
    await settled([day]);

    expect(crashOnce.size).toBe(0);
    expect(await actual([day])).toEqual(expected([day]));
  });

  it('picks up where it stopped when the service is stopped in the middle of a batch', async () => {
    const days = Array.from({ length: 40 }, () => aBusyMorning());
    const events = days.flatMap((d) => d.events);
    const publishing = publish(events);
    await eventually(
      () => eventsApplied(h.app().orm),
      (n) => n > published + 20,
    );
    await h.restart();
    expect(await eventsApplied(h.app().orm)).toBeLessThan(published + events.length);
    await publishing;
    await settled(days);

    expect(await actual(days)).toEqual(expected(days));
  });
});
