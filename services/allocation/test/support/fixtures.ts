import { Weekday, type Session, type WeeklySchedule } from '@opd/api';
import type { AllocationClient } from './harness.js';
import { rid } from './harness.js';

const WEEK = [
  Weekday.WEEKDAY_MONDAY,
  Weekday.WEEKDAY_TUESDAY,
  Weekday.WEEKDAY_WEDNESDAY,
  Weekday.WEEKDAY_THURSDAY,
  Weekday.WEEKDAY_FRIDAY,
  Weekday.WEEKDAY_SATURDAY,
  Weekday.WEEKDAY_SUNDAY,
];

export const session = (
  startTime: string,
  endTime: string,
  slotMinutes: number,
  capacityPerSlot: number,
): Session => ({
  startTime,
  endTime,
  slotMinutes,
  capacityPerSlot,
});

/** The same sessions every day of the week. */
export const everyDay = (...sessions: Session[]): WeeklySchedule => ({
  days: WEEK.map((weekday) => ({ weekday, sessions })),
});

/** A doctor seeing patients every day in the given sessions; returns the doctor id. */
export async function addDoctor(
  admin: AllocationClient,
  sessions: Session[] = [session('09:00', '10:00', 30, 2)],
  name = 'Dr. Test',
): Promise<string> {
  const { doctor } = await admin.createDoctor({
    requestId: rid(),
    displayName: name,
    department: 'General Medicine',
    weeklySchedule: everyDay(...sessions),
  });
  if (!doctor) throw new Error('no doctor in the answer');
  return doctor.doctorId;
}
