import { type Session, type WeeklySchedule, WEEKDAYS } from '@opd/api';
import type { AllocationClient } from './harness.js';
import { rid } from './harness.js';

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
  days: WEEKDAYS.map((weekday) => ({ weekday, sessions })),
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
    room: '',
  });
  if (!doctor) throw new Error('no doctor in the answer');
  return doctor.doctorId;
}
