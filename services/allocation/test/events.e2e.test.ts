import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { EventEnvelope, Source } from '@opd/api';
import { addDoctor, session } from './support/fixtures.js';
import {
  ist,
  phone,
  rid,
  startHarness,
  TODAY,
  type AllocationClient,
  type Harness,
} from './support/harness.js';

let h: Harness;
let counter: AllocationClient;
let admin: AllocationClient;
let nc: NatsConnection;
let jsm: JetStreamManager;

beforeAll(async () => {
  h = await startHarness();
  counter = h.client('counter');
  admin = h.client('admin');
  h.clock.set(ist('07:00'));
  nc = await connect({ servers: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222' });
  jsm = await jetstreamManager(nc);
});
afterAll(async () => {
  await nc.close();
  await h.stop();
});

/** Every envelope on the test's stream, in stream order. */
async function published(): Promise<{ subject: string; envelope: EventEnvelope }[]> {
  const info = await jsm.streams.info(h.stream.name);
  const out: { subject: string; envelope: EventEnvelope }[] = [];
  for (
    let seq = info.state.first_seq;
    seq <= info.state.last_seq && info.state.messages > 0;
    seq++
  ) {
    const m = await jsm.streams.getMessage(h.stream.name, { seq });
    if (m) out.push({ subject: m.subject, envelope: EventEnvelope.decode(m.data) });
  }
  return out;
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read().catch(() => undefined);
    if (value !== undefined && done(value)) return value;
    if (Date.now() - started > 10_000) throw new Error('events did not arrive in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('domain events on JetStream', () => {
  it('publishes every committed change exactly once, numbered in doctor-day order, with no patient data', async () => {
    const doctorId = await addDoctor(admin, [session('09:00', '09:30', 30, 1)]);
    const patientPhone = phone();
    const ask = (p: string, source: Source) =>
      counter.requestToken({
        requestId: rid(),
        patientId: '',
        patientPhone: p,
        patientName: 'Gita Sharma',
        doctorId,
        date: TODAY,
        source,
        preferredSlotId: '',
        notes: '',
      });
    const first = await ask(patientPhone, Source.SOURCE_WALK_IN);
    await ask(phone(), Source.SOURCE_EMERGENCY);
    if (first.outcome?.$case !== 'allocated') throw new Error('expected a token');

    const events = await eventually(published, (list) => list.length >= 5);
    const envelopes = events.map((e) => e.envelope).filter((e) => e.doctorId === doctorId);
    expect(envelopes.map((e) => e.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect(envelopes.map((e) => e.payload?.$case)).toEqual([
      'doctorDayOpened',
      'tokenAllocated',
      'tokenPreempted',
      'tokenAllocated',
      'waitlistEntryAdded',
    ]);
    expect(new Set(envelopes.map((e) => e.eventId)).size).toBe(5);
    expect(events.map((e) => e.subject)).toContain(`${h.stream.subjectPrefix}.token_preempted`);
    expect(envelopes[1]?.actor?.keyName).toBe('counter');
    const raw = JSON.stringify(envelopes);
    expect(raw).not.toContain('Gita');
    expect(raw).not.toContain(patientPhone.slice(-8));
  });
});
