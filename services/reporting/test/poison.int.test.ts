import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { EventEnvelope, TokenCheckedIn } from '@opd/api';
import { captureLog } from '@opd/service-runtime/testing';
import { aBusyMorning, DoctorDayScript } from '../src/testing/doctor-day-script.js';
import { InMemoryReadModel } from '../src/testing/in-memory-read-model.js';
import { readModelSnapshot } from '../src/testing/read-model-snapshot.js';
import { eventually, startHarness, type Harness } from './support/harness.js';

const logs = captureLog('info');
let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    log: logs.log,
    env: { OPD_REPORTING_MAX_APPLY_ATTEMPTS: '3', OPD_REPORTING_GAP_WAIT_MS: '1500' },
  });
});
afterAll(async () => {
  await h.stop();
});

interface ParkedRow {
  reason: string;
  event_id: string | null;
  doctor_day_id: string | null;
  sequence: string | null;
  error: string;
  deliveries: number;
}

const parked = () =>
  h.app().orm.em.fork().execute<ParkedRow[]>('select * from parked_event order by stream_sequence');

const status = () => h.client('reporting').getProjectionStatus({});

/** A copy of the script's event with a check-in for a token nobody ever issued. */
function checkInOfAStranger(day: DoctorDayScript, sequence: number): EventEnvelope {
  const template = day.events[0] as EventEnvelope;
  const value: TokenCheckedIn = { tokenId: randomUUID(), tokenNumber: 99, checkInTime: new Date() };
  return {
    ...template,
    eventId: randomUUID(),
    sequence,
    payload: { $case: 'tokenCheckedIn', value },
  };
}

describe('poison events', () => {
  it('are parked at once when they cannot be read, while the day and other days go on', async () => {
    const broken = new DoctorDayScript().open();
    const later = broken.allocate();
    const healthy = aBusyMorning();
    await h.publisher.publish(broken.events[0] as EventEnvelope);
    // Sequence 2 of the broken day is garbage on the wire; its headers still say what it was.
    await h.publisher.publishBytes(Buffer.from([0x0a, 0xff, 0xff]), {
      eventType: 'token_allocated',
      doctorDayId: broken.doctorDayId,
      sequence: 2,
      msgID: randomUUID(),
    });
    await h.publisher.publish({ ...(broken.events[1] as EventEnvelope), sequence: 3 });
    await h.publisher.publishAll(healthy.events);

    await eventually(status, (s) => s.parkedEventCount === 1 && s.pendingEventCount === 0);
    const [row] = await parked();
    expect(row).toMatchObject({
      reason: 'UNDECODABLE',
      event_id: null,
      doctor_day_id: broken.doctorDayId,
      sequence: '2',
      deliveries: 1,
    });
    const snapshot = await readModelSnapshot(h.app().orm, [broken.doctorDayId]);
    expect(snapshot.tokens.map((t) => t.tokenId)).toEqual([later]);
    expect(await readModelSnapshot(h.app().orm, [healthy.doctorDayId])).toEqual(
      InMemoryReadModel.deliver(healthy.events).snapshot(),
    );
  });

  it('are parked after bounded retries when they cannot be applied, and logged without payload', async () => {
    const day = new DoctorDayScript().open();
    await h.publisher.publish(day.events[0] as EventEnvelope);
    await h.publisher.publish(checkInOfAStranger(day, 2));
    const next = day.allocate();
    await h.publisher.publish({ ...(day.events[1] as EventEnvelope), sequence: 3 });

    await eventually(status, (s) => s.parkedEventCount === 2 && s.pendingEventCount === 0);
    const row = (await parked()).at(-1);
    expect(row).toMatchObject({ reason: 'APPLY_FAILED', sequence: '2', deliveries: 3 });
    expect(row?.error).toMatch(/is not a token of doctor-day/);
    const snapshot = await readModelSnapshot(h.app().orm, [day.doctorDayId]);
    expect(snapshot.tokens.map((t) => t.tokenId)).toEqual([next]);

    const line = logs.entries().find((e) => e['reason'] === 'APPLY_FAILED');
    expect(line).toMatchObject({ level: 50, doctorDayId: day.doctorDayId, sequence: 2 });
    expect(JSON.stringify(line)).not.toContain('patientId');
  });

  it('are parked when an earlier event of their day never arrives, holding nothing else up', async () => {
    const day = aBusyMorning();
    const [opened, , third] = day.events as [EventEnvelope, EventEnvelope, EventEnvelope];
    const other = aBusyMorning();
    await h.publisher.publishAll([opened, third, ...other.events]);

    await eventually(status, (s) => s.parkedEventCount === 3 && s.pendingEventCount === 0);
    expect((await parked()).at(-1)).toMatchObject({
      reason: 'SEQUENCE_GAP',
      event_id: third.eventId,
      error: 'sequence 2 never arrived',
    });
    expect(await readModelSnapshot(h.app().orm, [other.doctorDayId])).toEqual(
      InMemoryReadModel.deliver(other.events).snapshot(),
    );
  });

  it('are counted by the projection status and the metrics', async () => {
    const metrics = await fetch(`http://127.0.0.1:${h.app().metricsPort}/metrics`).then((r) =>
      r.text(),
    );

    expect((await status()).parkedEventCount).toBe(3);
    expect(metrics).toMatch(/opd_reporting_events_parked_total\{reason="APPLY_FAILED"[^}]*\} 1/);
    expect(metrics).toMatch(/opd_reporting_parked_events\{[^}]*\} 3/);
  });
});
