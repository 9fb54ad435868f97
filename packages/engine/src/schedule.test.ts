import { describe, expect, it } from '@jest/globals';
import { requestToken } from './allocate.js';
import { cancelToken } from './lifecycle.js';
import {
  changeSchedule,
  planSlots,
  sessionsOn,
  validateSessions,
  weekdayOf,
  type WeeklySchedule,
} from './schedule.js';
import {
  at,
  buildDay,
  context,
  DATE,
  ids,
  session,
  TIME_ZONE,
  unwrap,
} from './testing/day-builder.js';
import type { DoctorDay } from './types.js';

const newId = ids('t');
function fill(day: DoctorDay, patients: string[]): DoctorDay {
  let t = at('08:00');
  for (const patientId of patients) {
    day = unwrap(
      requestToken(day, { patientId, source: 'WALK_IN' }, context((t += 60_000), newId)),
    ).day;
  }
  return day;
}

describe('materialising slots from a template', () => {
  it('cuts a session into slots at local Kolkata time', () => {
    const slots = planSlots([session('09:00', '10:00', 20, 4)], DATE, TIME_ZONE);
    expect(slots.map((s) => [s.localStart, s.localEnd, s.capacity])).toEqual([
      ['09:00', '09:20', 4],
      ['09:20', '09:40', 4],
      ['09:40', '10:00', 4],
    ]);
    expect(new Date(slots[0]?.startsAt ?? 0).toISOString()).toBe('2026-11-27T03:30:00.000Z');
  });

  it('drops a trailing piece shorter than a slot', () => {
    expect(planSlots([session('09:00', '09:50', 20, 1)], DATE, TIME_ZONE)).toHaveLength(2);
  });

  it('follows daylight saving in zones that have it', () => {
    const [slot] = planSlots([session('09:00', '09:30', 30, 1)], '2026-07-01', 'Europe/London');
    expect(new Date(slot?.startsAt ?? 0).toISOString()).toBe('2026-07-01T08:00:00.000Z');
  });

  it('uses the override of a date before the weekly template', () => {
    const schedule: WeeklySchedule = {
      days: [{ weekday: 5, sessions: [session('09:00', '12:00', 30, 6)] }],
    };
    expect(weekdayOf(DATE)).toBe(5);
    expect(sessionsOn(schedule, undefined, DATE)).toHaveLength(1);
    expect(sessionsOn(schedule, { date: DATE, kind: 'LEAVE' }, DATE)).toEqual([]);
    expect(sessionsOn(schedule, undefined, '2026-11-28')).toEqual([]);
  });

  it('names the session and property of a malformed or overlapping session', () => {
    expect(validateSessions([session('9:00', '10:00', 30, 1)])).toEqual([
      { index: 0, property: 'start', description: 'must be HH:MM (24-hour)' },
    ]);
    expect(validateSessions([session('10:00', '09:00', 0, 0)]).map((p) => p.property)).toEqual([
      'end',
      'slotMinutes',
      'capacityPerSlot',
    ]);
    expect(validateSessions([session('09:00', '09:20', 30, 1)])).toEqual([
      { index: 0, property: 'slotMinutes', description: 'is longer than the session' },
    ]);
    expect(validateSessions([session('09:00', '09:50', 20, 1)])).toEqual([
      { index: 0, property: 'end', description: 'must leave a whole number of 20-minute slots' },
    ]);
    expect(
      validateSessions([session('09:00', '11:00', 30, 1), session('10:30', '12:00', 30, 1)]),
    ).toEqual([{ index: 1, property: 'start', description: 'overlaps session 0' }]);
  });
});

describe('changing the schedule of a day in use', () => {
  it('promotes the waitlist into added capacity', () => {
    let day = fill(buildDay([session('09:00', '09:30', 30, 1)]), ['a', 'b', 'c']);
    const wider = planSlots([session('09:00', '09:30', 30, 2)], DATE, TIME_ZONE);
    const out = unwrap(changeSchedule(day, wider, context(at('08:30'), newId)));
    expect(out.promoted).toBe(1);
    expect(out.events.map((e) => e.type)).toEqual(['ScheduleChanged', 'WaitlistEntryPromoted']);
    day = out.day;
    expect(day.slots[0]?.capacity).toBe(2);
  });

  it('refuses to take a place from a patient who holds it', () => {
    const day = fill(buildDay([session('09:00', '09:30', 30, 2)]), ['a', 'b']);
    const narrower = planSlots([session('09:00', '09:30', 30, 1)], DATE, TIME_ZONE);
    expect(changeSchedule(day, narrower, context(at('08:30')))).toEqual({
      ok: false,
      error: {
        code: 'SCHEDULE_CHANGE_DISPLACES_TOKENS',
        slotLocalStart: '09:00',
        heldTokens: 2,
        newCapacity: 1,
      },
    });
  });

  it('drops unused slots and closes used ones that leave the plan', () => {
    let day = fill(buildDay([session('09:00', '10:00', 30, 1)]), ['a']);
    day = unwrap(cancelToken(day, day.tokens[0]?.id ?? '', 'x', context(at('08:10')))).day;
    const out = unwrap(
      changeSchedule(
        day,
        planSlots([session('10:00', '10:30', 30, 3)], DATE, TIME_ZONE),
        context(at('08:30'), newId),
      ),
    );
    expect(out.day.slots.map((s) => [s.localStart, s.capacity])).toEqual([
      ['09:00', 0],
      ['10:00', 3],
    ]);
  });

  it('emits nothing when nothing changed', () => {
    const day = buildDay([session('09:00', '09:30', 30, 2)]);
    const same = planSlots([session('09:00', '09:30', 30, 2)], DATE, TIME_ZONE);
    expect(unwrap(changeSchedule(day, same, context(at('08:30')))).events).toEqual([]);
  });
});
