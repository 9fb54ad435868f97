import { describe, expect, it } from '@jest/globals';
import { addDays, isCalendarDate, localDate, resolveDate, weekdayOf } from './dates.js';

// 23:30 UTC on 30 November is already 1 December in Kolkata.
const lateEvening = new Date('2026-11-30T23:30:00Z');

describe('dates as the hospital sees them', () => {
  it("takes today from the hospital's zone, not the machine's", () => {
    expect(localDate('Asia/Kolkata', lateEvening)).toBe('2026-12-01');
    expect(localDate('UTC', lateEvening)).toBe('2026-11-30');
  });

  it('reads today, tomorrow and +N days', () => {
    expect(resolveDate('today', 'Asia/Kolkata', lateEvening)).toBe('2026-12-01');
    expect(resolveDate('tomorrow', 'Asia/Kolkata', lateEvening)).toBe('2026-12-02');
    expect(resolveDate('+31', 'Asia/Kolkata', lateEvening)).toBe('2027-01-01');
    expect(resolveDate('2026-12-25', 'Asia/Kolkata', lateEvening)).toBe('2026-12-25');
  });

  it('knows real calendar dates and weekdays', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(weekdayOf('2026-11-29')).toBe(7); // a Sunday
  });
});
