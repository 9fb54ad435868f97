// The demo hospital's outpatient department: twelve doctors, realistic Indian names, the
// sessions an Indian OPD keeps (mornings 09:00-13:00, some evenings 16:00-19:00, Sundays off).
import { type DaySchedule, type Session, Weekday, type WeeklySchedule, WEEKDAYS } from '@opd/api';

export interface DemoDoctor {
  readonly displayName: string;
  readonly department: string;
  readonly weeklySchedule: WeeklySchedule;
}

/** The OPD is closed on Sundays. */
const MON_SAT = WEEKDAYS.filter((day) => day !== Weekday.WEEKDAY_SUNDAY);

const session = (time: string, slotMinutes: number, capacityPerSlot: number): Session => {
  const [startTime = '', endTime = ''] = time.split('-');
  return { startTime, endTime, slotMinutes, capacityPerSlot };
};

/** The same sessions on the given weekdays; Sunday is never listed (the OPD is closed). */
const week = (days: readonly Weekday[], ...sessions: Session[]): DaySchedule[] =>
  days.map((weekday) => ({ weekday, sessions }));

/** Mornings Monday to Saturday, evenings on the weekdays given. */
function mornings(morning: Session, evening?: Session, eveningDays: readonly Weekday[] = []) {
  return {
    days: MON_SAT.map((weekday) => ({
      weekday,
      sessions: evening && eveningDays.includes(weekday) ? [morning, evening] : [morning],
    })),
  };
}

const MON_FRI = MON_SAT.slice(0, 5);
const MWF = [Weekday.WEEKDAY_MONDAY, Weekday.WEEKDAY_WEDNESDAY, Weekday.WEEKDAY_FRIDAY];
const TTS = [Weekday.WEEKDAY_TUESDAY, Weekday.WEEKDAY_THURSDAY, Weekday.WEEKDAY_SATURDAY];

export const DEMO_DOCTORS: readonly DemoDoctor[] = [
  {
    displayName: 'Dr. Meera Rao',
    department: 'ENT',
    weeklySchedule: mornings(session('09:00-13:00', 15, 2), session('16:00-19:00', 15, 2), MWF),
  },
  {
    displayName: 'Dr. Arjun Nair',
    department: 'Cardiology',
    weeklySchedule: mornings(session('09:00-13:00', 15, 2), session('16:00-19:00', 15, 1), MON_FRI),
  },
  {
    displayName: 'Dr. Kavita Sharma',
    department: 'General Medicine',
    weeklySchedule: mornings(session('09:00-13:00', 10, 3), session('16:00-19:00', 10, 3), MON_SAT),
  },
  {
    displayName: 'Dr. Rajesh Iyer',
    department: 'General Medicine',
    weeklySchedule: mornings(session('09:00-13:00', 10, 3), session('16:00-19:00', 10, 2), MON_FRI),
  },
  {
    displayName: 'Dr. Sunita Reddy',
    department: 'Paediatrics',
    weeklySchedule: mornings(session('09:00-13:00', 12, 2), session('16:00-19:00', 12, 2), MON_SAT),
  },
  {
    displayName: 'Dr. Vikram Malhotra',
    department: 'Orthopaedics',
    weeklySchedule: mornings(session('09:00-13:00', 15, 3), session('16:00-19:00', 15, 2), TTS),
  },
  {
    displayName: 'Dr. Ananya Banerjee',
    department: 'Dermatology',
    weeklySchedule: mornings(session('09:00-13:00', 12, 2), session('16:00-19:00', 12, 1), MWF),
  },
  {
    displayName: 'Dr. Farhan Qureshi',
    department: 'Ophthalmology',
    weeklySchedule: mornings(session('09:00-13:00', 10, 2)),
  },
  {
    displayName: 'Dr. Lakshmi Venkatesh',
    department: 'Obstetrics and Gynaecology',
    weeklySchedule: mornings(session('09:00-13:00', 15, 2), session('16:00-19:00', 15, 2), MON_FRI),
  },
  {
    displayName: 'Dr. Harpreet Singh Gill',
    department: 'Neurology',
    weeklySchedule: {
      days: week(TTS, session('09:00-13:00', 15, 1), session('16:00-19:00', 15, 1)),
    },
  },
  {
    displayName: 'Dr. Priya Deshpande',
    department: 'Endocrinology',
    weeklySchedule: {
      days: week(MWF, session('09:00-13:00', 15, 2), session('16:00-19:00', 15, 2)),
    },
  },
  {
    displayName: 'Dr. Suresh Pillai',
    department: 'Pulmonology',
    weeklySchedule: mornings(session('09:00-13:00', 12, 2), session('16:00-19:00', 12, 2), TTS),
  },
];

/** The doctor who is on leave on the demo's next open day (a schedule override). */
export const ON_LEAVE = { displayName: 'Dr. Vikram Malhotra', reason: 'Conference' };
