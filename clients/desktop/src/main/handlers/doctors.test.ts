import { describe, expect, it } from '@jest/globals';
import { plannedCapacity } from './doctors.js';

describe("a day's places before the doctor-day opens", () => {
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

  it("adds up every slot of that weekday's sessions", () => {
    expect(plannedCapacity(week, '2026-11-30')).toBe(16 * 4 + 2 * 2); // a Monday
  });

  it('knows Sunday is the last weekday, and a day without sessions has no places', () => {
    expect(plannedCapacity(week, '2026-11-29')).toBe(3); // a Sunday
    expect(plannedCapacity(week, '2026-11-27')).toBe(0); // a Friday
  });
});
