// The consumer applies what it fetched in batches, one transaction each. A batch is made to
// form here on purpose: the first event's ack is held back (one lane) while the rest of the
// stream arrives behind it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@opd/api';
import { captureLog } from '@opd/service-runtime/testing';
import { aBusyMorning, DoctorDayScript } from '../src/testing/doctor-day-script.js';
import { InMemoryReadModel } from '../src/testing/in-memory-read-model.js';
import { readModelSnapshot } from '../src/testing/read-model-snapshot.js';
import { aMorningInTheRoom } from '../src/testing/room-day-script.js';
import { eventually, startHarness, type Harness } from './support/harness.js';

const logs = captureLog('info');
let h: Harness;
/** The event whose ack waits until `release` is called, and the call. */
let gate: { eventId: string; opened: Promise<void>; release: () => void } | undefined;

beforeAll(async () => {
  h = await startHarness({
    log: logs.log,
    env: { OPD_REPORTING_CONCURRENCY: '1', OPD_REPORTING_MAX_APPLY_ATTEMPTS: '2' },
    afterCommit: async (event) => {
      if (event.eventId === gate?.eventId) await gate.opened;
    },
  });
});
afterAll(async () => {
  await h.stop();
});

/** Publishes `first`, holds its ack until `rest` is on the stream too, then lets all go. */
async function inOneBatch(first: EventEnvelope, rest: readonly EventEnvelope[]): Promise<void> {
  let release: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (release = resolve));
  gate = { eventId: first.eventId, opened, release };
  await h.publisher.publish(first);
  await eventually(
    () => h.client('reporting').getProjectionStatus({}),
    (s) => s.lastEventId === first.eventId,
  );
  await h.publisher.publishAll(rest);
  await new Promise((resolve) => setTimeout(resolve, 200)); // let the consumer fetch them
  release();
}

const status = () => h.client('reporting').getProjectionStatus({});

describe('applying events in batches', () => {
  it("applies many doctor-days' events together and ends with the reference tables", async () => {
    const days = [...Array.from({ length: 6 }, () => aBusyMorning()), ...aMorningInTheRoom()];
    const [first, ...rest] = days.flatMap((d) => d.events) as [EventEnvelope, ...EventEnvelope[]];
    await inOneBatch(first, rest);
    await eventually(status, (s) => s.pendingEventCount === 0 && s.lastEventId !== first.eventId);
    await h.applied(rest.length + 1);

    const ids = days.map((d) => d.doctorDayId);
    expect(await readModelSnapshot(h.app().orm, ids)).toEqual(
      InMemoryReadModel.deliver(days.flatMap((d) => d.events)).snapshot(),
    );
    // Events applied in one transaction share its moment of application.
    const [row] = await h
      .app()
      .orm.em.fork()
      .execute<{ moments: string }[]>(
        `select count(distinct applied_at) as moments from applied_event
          where doctor_day_id in (?)`,
        [ids],
      );
    expect(Number(row?.moments)).toBeLessThan(rest.length / 10);
  });

  it('parks a poison event alone and applies the rest of its batch', async () => {
    const poisoned = new DoctorDayScript().open();
    const [opened] = poisoned.events as [EventEnvelope];
    const stranger: EventEnvelope = {
      ...opened,
      eventId: randomUUID(),
      sequence: 2,
      payload: {
        $case: 'tokenCheckedIn',
        value: { tokenId: randomUUID(), tokenNumber: 9, checkInTime: new Date() },
      },
    };
    const after = poisoned.allocate();
    const third = { ...(poisoned.events[1] as EventEnvelope), sequence: 3 };
    const healthy = [aBusyMorning(), aBusyMorning()];
    await inOneBatch(opened, [stranger, third, ...healthy.flatMap((d) => d.events)]);

    await eventually(status, (s) => s.parkedEventCount === 1 && s.pendingEventCount === 0);
    const parked = await h
      .app()
      .orm.em.fork()
      .execute<{ event_id: string; reason: string }[]>('select event_id, reason from parked_event');
    expect(parked).toEqual([{ event_id: stranger.eventId, reason: 'APPLY_FAILED' }]);
    const day = await readModelSnapshot(h.app().orm, [poisoned.doctorDayId]);
    expect(day.tokens.map((t) => t.tokenId)).toEqual([after]);
    expect(
      await readModelSnapshot(
        h.app().orm,
        healthy.map((d) => d.doctorDayId),
      ),
    ).toEqual(InMemoryReadModel.deliver(healthy.flatMap((d) => d.events)).snapshot());
    expect(logs.entries().some((e) => String(e['msg']).includes('one at a time'))).toBe(true);
  });
});
