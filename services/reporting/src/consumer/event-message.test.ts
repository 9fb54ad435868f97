import { describe, expect, it } from '@jest/globals';
import { EventEnvelope } from '@opd/api';
import { aBusyMorning } from '../testing/doctor-day-script.js';
import { decodeEvent, eventTypeOf } from './event-message.js';

const [opened, allocated] = aBusyMorning().events;

describe('reading an event off the stream', () => {
  it('gives back the envelope the allocation service published', () => {
    const decoded = decodeEvent(EventEnvelope.encode(allocated as EventEnvelope).finish());

    expect(decoded).toEqual({ ok: true, event: allocated });
    expect(eventTypeOf(opened as EventEnvelope)).toBe('doctor_day_opened');
  });

  it('calls bytes that are not an envelope undecodable', () => {
    const decoded = decodeEvent(Buffer.from('{"event_id": "not protobuf"}'));

    expect(decoded).toMatchObject({ ok: false, reason: 'UNDECODABLE' });
  });

  it('calls an envelope without what every event carries invalid, naming each gap', () => {
    const broken = { ...(allocated as EventEnvelope), doctorDayId: 'day-1', sequence: 0 };
    const decoded = decodeEvent(EventEnvelope.encode(broken).finish());

    expect(decoded).toMatchObject({
      ok: false,
      reason: 'INVALID_EVENT',
      error: 'doctor_day_id must be a UUID; sequence must be 1 or more',
    });
  });
});
