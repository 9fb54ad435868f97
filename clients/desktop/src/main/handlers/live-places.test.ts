import { describe, expect, it } from '@jest/globals';
import { livePlaces, localNow, plannedSlots } from './live-places.js';

describe('places the counter can still give', () => {
  const week = [
    {
      weekday: 'MONDAY' as const,
      sessions: [
        { startTime: '09:00', endTime: '13:00', slotMinutes: 15, capacityPerSlot: 4 },
        { startTime: '15:00', endTime: '16:00', slotMinutes: 30, capacityPerSlot: 2 },
      ],
    },
    {
      weekday: 'SUNDAY' as const,
      sessions: [{ startTime: '10:00', endTime: '11:00', slotMinutes: 20, capacityPerSlot: 1 }],
    },
  ];
  const monday = '2026-11-30';

  it("cuts a weekday's sessions into its slots, Sunday last, none on a day without sessions", () => {
    expect(plannedSlots(week, monday)).toHaveLength(16 + 2);
    expect(plannedSlots(week, '2026-11-29').map((s) => s.localStart)).toEqual([
      '10:00',
      '10:20',
      '10:40',
    ]);
    expect(plannedSlots(week, '2026-11-27')).toEqual([]); // a Friday
  });

  it('counts every place on a later day, and the first slot as the next free one', () => {
    const places = livePlaces(monday, plannedSlots(week, monday), {
      date: '2026-11-29',
      time: '18:00',
    });
    expect(places).toEqual({
      hasSession: true,
      capacity: 16 * 4 + 2 * 2,
      occupancy: 0,
      nextFreeTime: '09:00',
      freeNow: false,
    });
  });

  it('leaves out slots that have ended today, and says the running slot is free now', () => {
    const places = livePlaces(monday, plannedSlots(week, monday), { date: monday, time: '12:50' });
    expect(places).toMatchObject({ capacity: 4 + 2 * 2, nextFreeTime: '12:45', freeNow: true });
  });

  it('gives the start of the next slot with room when the running one is full', () => {
    const slots = [
      { localStart: '11:00', localEnd: '13:00', capacity: 2, occupancy: 2 },
      { localStart: '14:00', localEnd: '14:30', capacity: 1, occupancy: 0 },
    ];
    expect(livePlaces(monday, slots, { date: monday, time: '12:00' })).toMatchObject({
      capacity: 3,
      occupancy: 2,
      nextFreeTime: '14:00',
      freeNow: false,
    });
  });

  it('has no live places once the day is over, though the doctor had a session', () => {
    expect(livePlaces(monday, plannedSlots(week, monday), { date: monday, time: '16:00' })).toEqual(
      { hasSession: true, capacity: 0, occupancy: 0, nextFreeTime: null, freeNow: false },
    );
  });

  it('reads the local date and time in the hospital zone', () => {
    expect(localNow(new Date('2026-11-29T20:45:00Z'), 'Asia/Kolkata')).toEqual({
      date: '2026-11-30',
      time: '02:15',
    });
  });
});
