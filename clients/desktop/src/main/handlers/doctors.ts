// Doctors: the list, the picker's availability for a date, create and update (admin).
import { Weekday } from '@opd/api';
import type { InvokeMap } from '../../shared/ipc-contract.js';
import type { DayScheduleView, DoctorAvailability, DoctorView } from '../../shared/views.js';
import type { HandlerDeps } from './deps.js';
import { toWeekday } from './enums.js';
import { withRetry } from './retry.js';
import { doctorView, required } from './to-view.js';

type Req<K extends keyof InvokeMap> = InvokeMap[K]['request'];

const PAGE = 500;

async function allDoctors(deps: HandlerDeps, showInactive: boolean): Promise<DoctorView[]> {
  const doctors: DoctorView[] = [];
  let pageToken = '';
  do {
    const page = await withRetry(() =>
      deps.clients.allocation.listDoctors({
        department: '',
        showInactive,
        pageSize: PAGE,
        pageToken,
      }),
    );
    doctors.push(...page.doctors.map(doctorView));
    pageToken = page.nextPageToken;
  } while (pageToken !== '');
  return doctors;
}

const minutes = (hhmm: string): number => {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/** Places a day of the weekly schedule offers (used before a doctor-day is opened). */
export function plannedCapacity(schedule: readonly DayScheduleView[], date: string): number {
  // getUTCDay: 0 = Sunday; the proto's Weekday: 1 = Monday … 7 = Sunday.
  const jsDay = new Date(`${date}T00:00:00Z`).getUTCDay();
  const weekday: Weekday = jsDay === 0 ? Weekday.WEEKDAY_SUNDAY : (jsDay as Weekday);
  const day = schedule.find((d) => toWeekday(d.weekday) === weekday);
  return (day?.sessions ?? []).reduce(
    (sum, s) =>
      sum +
      Math.floor((minutes(s.endTime) - minutes(s.startTime)) / s.slotMinutes) * s.capacityPerSlot,
    0,
  );
}

function scheduleMessage(schedule: readonly DayScheduleView[]) {
  return {
    days: schedule.map((day) => ({
      weekday: toWeekday(day.weekday),
      sessions: day.sessions.map((s) => ({ ...s })),
    })),
  };
}

export function doctorHandlers(deps: HandlerDeps) {
  const allocation = deps.clients.allocation;
  return {
    listDoctors: (request: Req<'listDoctors'>) => allDoctors(deps, request.includeInactive),

    async listAvailability(request: Req<'listAvailability'>): Promise<DoctorAvailability[]> {
      const doctors = await allDoctors(deps, false);
      const days = new Map<string, { capacity: number; occupancy: number; waiting: number }>();
      let pageToken = '';
      do {
        const page = await withRetry(() =>
          allocation.listDoctorDays({
            doctorId: '',
            startDate: request.date,
            endDate: request.date,
            pageSize: PAGE,
            pageToken,
          }),
        );
        for (const day of page.doctorDays) {
          days.set(day.doctorId, {
            capacity: day.capacity,
            occupancy: day.occupancy,
            waiting: day.waitingCount,
          });
        }
        pageToken = page.nextPageToken;
      } while (pageToken !== '');
      return doctors.map((doctor) => {
        const day = days.get(doctor.doctorId);
        return day
          ? { doctor, date: request.date, opened: true, ...day }
          : {
              doctor,
              date: request.date,
              opened: false,
              capacity: plannedCapacity(doctor.weeklySchedule, request.date),
              occupancy: 0,
              waiting: 0,
            };
      });
    },

    async createDoctor(request: Req<'createDoctor'>): Promise<DoctorView> {
      const answer = await withRetry(() =>
        allocation.createDoctor({
          requestId: request.requestId,
          displayName: request.displayName.trim(),
          department: request.department.trim(),
          weeklySchedule: scheduleMessage(request.weeklySchedule),
        }),
      );
      return doctorView(required(answer.doctor, 'the doctor'));
    },

    async updateDoctor(request: Req<'updateDoctor'>) {
      const answer = await withRetry(() =>
        allocation.updateDoctor({
          requestId: request.requestId,
          doctor: {
            doctorId: request.doctorId,
            displayName: request.displayName.trim(),
            department: request.department.trim(),
            weeklySchedule: scheduleMessage(request.weeklySchedule),
            active: request.active,
            createTime: undefined,
            updateTime: undefined,
          },
          updateMask: ['display_name', 'department', 'weekly_schedule', 'active'],
        }),
      );
      return {
        doctor: doctorView(required(answer.doctor, 'the doctor')),
        promotions: answer.promotions.length,
      };
    },
  };
}
