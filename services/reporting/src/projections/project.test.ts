import { describe, expect, it } from '@jest/globals';
import { Source, type EventEnvelope } from '@opd/api';
import { DoctorDayScript } from '../testing/doctor-day-script.js';
import { InMemoryReadModel } from '../testing/in-memory-read-model.js';
import { project } from './project.js';
import { ProjectionError } from './projection-error.js';

/** The read model after applying the script's events in order. */
function played(day: DoctorDayScript): InMemoryReadModel {
  const model = new InMemoryReadModel();
  for (const event of day.events) expect(model.apply(event)).toBe('applied');
  return model;
}

const lastEvent = (day: DoctorDayScript): EventEnvelope => day.events.at(-1) as EventEnvelope;

describe('the doctor-day projection', () => {
  it("opens a day with the doctor's name, department and the places of every slot", () => {
    const day = new DoctorDayScript({
      displayName: 'Dr. Kiran Shah',
      department: 'Cardiology',
      capacities: [6, 6, 4],
    }).open();

    expect(played(day).days.get(day.doctorDayId)).toEqual({
      doctorDayId: day.doctorDayId,
      doctorId: day.doctorId,
      date: '2026-11-27',
      doctorDisplayName: 'Dr. Kiran Shah',
      department: 'Cardiology',
      timeZone: 'Asia/Kolkata',
      slotCount: 3,
      capacity: 16,
      waitlistAddedCount: 0,
      waitlistPromotedCount: 0,
      waitlistCancelledCount: 0,
      waitlistExpiredCount: 0,
      callCount: 0,
      recallCount: 0,
      skipCount: 0,
      transferredOutCount: 0,
      transferredInCount: 0,
      undoCount: 0,
      openedAt: day.events[0]?.occurredAt,
    });
  });

  it('takes the new places of the day when its schedule changes', () => {
    const day = new DoctorDayScript({ capacities: [2, 2] }).open().changeSchedule([2, 2, 4, 0]);

    expect(played(day).days.get(day.doctorDayId)).toMatchObject({ slotCount: 4, capacity: 8 });
  });

  it('counts patients added to, promoted from, withdrawn from and expired on the waitlist', () => {
    const day = new DoctorDayScript().open();
    const [a, b, c] = [day.waitlist(), day.waitlist(), day.waitlist()];
    day.promote(a as string);
    day.cancelEntry(b as string).expire(c as string);

    expect(played(day).days.get(day.doctorDayId)).toMatchObject({
      waitlistAddedCount: 3,
      waitlistPromotedCount: 1,
      waitlistCancelledCount: 1,
      waitlistExpiredCount: 1,
    });
  });
});

describe('the token projection', () => {
  it('records a new token with its slot, source, priority and the moment it was asked for', () => {
    const day = new DoctorDayScript({ displayName: 'Dr. Meera Rao' }).open();
    const id = day.allocate({ source: Source.SOURCE_FOLLOW_UP, slot: 1 });
    const issued = lastEvent(day).payload;
    if (issued?.$case !== 'tokenAllocated') throw new Error('expected a token');

    expect(played(day).tokens.get(id)).toEqual({
      tokenId: id,
      doctorDayId: day.doctorDayId,
      doctorId: day.doctorId,
      date: '2026-11-27',
      tokenNumber: 1,
      doctorDisplayName: 'Dr. Meera Rao',
      department: 'ENT',
      patientId: issued.value.patientId,
      slotId: day.slots[1]?.slotId,
      slotStartTime: day.slots[1]?.startTime,
      source: 'FOLLOW_UP',
      priority: 300,
      status: 'ALLOCATED',
      requestTime: issued.value.requestTime,
      allocateTime: issued.value.allocateTime,
      checkInTime: null,
      completeTime: null,
      cancelTime: null,
      noShowTime: null,
      preemptTime: null,
      preempted: false,
      promoted: false,
      callTime: null,
      skipCount: 0,
      recallCount: 0,
      transferTime: null,
      transferredFromTokenId: null,
      transferredToTokenId: null,
      completedFromCall: false,
    });
  });

  it('follows a patient from check-in to the end of the consultation', () => {
    const day = new DoctorDayScript().open();
    const id = day.allocate();
    day.checkIn(id).complete(id);
    const token = played(day).tokens.get(id);

    expect(token).toMatchObject({
      status: 'COMPLETED',
      checkInTime: day.events[2]?.occurredAt,
      completeTime: day.events[3]?.occurredAt,
    });
  });

  it('marks a walk-in displaced by an emergency as preempted, and the emergency as allocated', () => {
    const day = new DoctorDayScript().open();
    const walkIn = day.allocate({ source: Source.SOURCE_WALK_IN });
    const { tokenId: emergency } = day.preempt(walkIn);
    const model = played(day);

    expect(model.tokens.get(walkIn)).toMatchObject({
      status: 'PREEMPTED',
      preempted: true,
      preemptTime: day.events[2]?.occurredAt,
    });
    expect(model.tokens.get(emergency)).toMatchObject({ status: 'ALLOCATED', source: 'EMERGENCY' });
    expect(model.days.get(day.doctorDayId)?.waitlistAddedCount).toBe(1);
  });

  it('stamps cancellations and no-shows with their moments', () => {
    const day = new DoctorDayScript().open();
    const [cancelled, absent] = [day.allocate(), day.allocate()];
    day.cancel(cancelled).noShow(absent);
    const model = played(day);

    expect(model.tokens.get(cancelled)).toMatchObject({
      status: 'CANCELLED',
      cancelTime: day.events[3]?.occurredAt,
    });
    expect(model.tokens.get(absent)).toMatchObject({
      status: 'NO_SHOW',
      noShowTime: day.events[4]?.occurredAt,
    });
  });

  it('marks the token a waiting patient is given as promoted', () => {
    const day = new DoctorDayScript().open();
    const promoted = day.promote(day.waitlist(), 2);

    expect(played(day).tokens.get(promoted)).toMatchObject({
      status: 'ALLOCATED',
      promoted: true,
      slotId: day.slots[2]?.slotId,
    });
  });
});

describe('events the read model cannot take', () => {
  it('name a token it has never seen', () => {
    const day = new DoctorDayScript().open();
    const id = day.allocate();
    day.checkIn(id);
    const opened = new InMemoryReadModel();
    opened.apply(day.events[0] as EventEnvelope);

    expect(() =>
      project({ day: opened.days.get(day.doctorDayId), tokens: new Map() }, lastEvent(day)),
    ).toThrow(ProjectionError);
  });

  it('belong to a doctor-day that never opened', () => {
    const day = new DoctorDayScript().open();
    day.allocate();

    expect(() => project({ day: undefined, tokens: new Map() }, lastEvent(day))).toThrow(
      /has not been opened/,
    );
  });

  it('issue a token that already exists', () => {
    const day = new DoctorDayScript().open();
    const id = day.allocate();
    const model = played(day);

    // The same TokenAllocated again under a new event id and the next sequence.
    const again = { ...lastEvent(day), eventId: 'a-copy', sequence: 3 };

    expect(() => model.apply(again)).toThrow(/already issued/);
    expect(model.tokens.get(id)?.tokenNumber).toBe(1);
  });

  it('lack the moment they happened', () => {
    const day = new DoctorDayScript().open();
    const id = day.allocate();
    day.checkIn(id);
    const model = new InMemoryReadModel();
    day.events.slice(0, 2).forEach((e) => model.apply(e));
    const event = lastEvent(day);
    if (event.payload?.$case !== 'tokenCheckedIn') throw new Error('expected a check-in');
    event.payload.value.checkInTime = undefined;

    expect(() => model.apply(event)).toThrow(/check_in_time is missing/);
  });
});
