import { describe, expect, it } from '@jest/globals';
import { Weekday } from '@opd/api';
import {
  describeWeeklySchedule,
  parseSessionSpec,
  summariseWeeklySchedule,
  weeklyScheduleOf,
} from './schedule-spec.js';

describe('weekly schedules written on the command line', () => {
  it('reads a day range, the session times, the slot length and the places per slot', () => {
    expect(parseSessionSpec('mon-sat=9:00-13:00/15x3')).toEqual({
      weekdays: [1, 2, 3, 4, 5, 6],
      session: { startTime: '09:00', endTime: '13:00', slotMinutes: 15, capacityPerSlot: 3 },
    });
  });

  it('reads day lists, weekdays and daily', () => {
    expect(parseSessionSpec('mon,wed,fri=16:00-19:00/10x2').weekdays).toEqual([1, 3, 5]);
    expect(parseSessionSpec('weekdays=16:00-19:00/10x2').weekdays).toEqual([1, 2, 3, 4, 5]);
    expect(parseSessionSpec('daily=16:00-19:00/10x2').weekdays).toHaveLength(7);
    expect(parseSessionSpec('Sat-Sun=10:00-12:00/30x1').weekdays).toEqual([6, 7]);
  });

  it('refuses a backwards day range', () => {
    expect(() => parseSessionSpec('fri-mon=09:00-10:00/15x1')).toThrow(
      "day range 'fri-mon' runs backwards",
    );
  });

  it('folds several flags into one week, sessions of a day in time order', () => {
    const week = weeklyScheduleOf([
      parseSessionSpec('mon=16:00-19:00/10x2'),
      parseSessionSpec('mon-tue=09:00-13:00/15x3'),
    ]);
    expect(week.days.map((d) => d.weekday)).toEqual([
      Weekday.WEEKDAY_MONDAY,
      Weekday.WEEKDAY_TUESDAY,
    ]);
    expect(week.days[0]?.sessions.map((s) => s.startTime)).toEqual(['09:00', '16:00']);
  });

  it('describes a week by session, with the days each runs on', () => {
    const week = weeklyScheduleOf([
      parseSessionSpec('mon-sat=09:00-13:00/15x3'),
      parseSessionSpec('mon,wed,fri=16:00-19:00/10x2'),
    ]);
    expect(describeWeeklySchedule(week)).toEqual([
      'Mon-Sat      09:00-13:00 (15 min x 3)',
      'Mon,Wed,Fri  16:00-19:00 (10 min x 2)',
    ]);
    expect(summariseWeeklySchedule(week)).toBe('Mon-Sat 09:00-13:00, Mon,Wed,Fri 16:00-19:00');
  });

  it('joins the sessions of the same days in the one-line summary', () => {
    const week = weeklyScheduleOf([
      parseSessionSpec('tue,thu=09:00-13:00/15x3'),
      parseSessionSpec('tue,thu=16:00-19:00/15x3'),
    ]);
    expect(summariseWeeklySchedule(week)).toBe('Tue,Thu 09:00-13:00 & 16:00-19:00');
    expect(describeWeeklySchedule({ days: [] })).toEqual(['no weekly sessions']);
  });
});
