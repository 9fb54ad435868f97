// Doctors: the list, the picker's live availability for a date, create and update (admin).
import type { Slot } from '@opd/api';
import type { InvokeMap } from '../../shared/ipc-contract.js';
import type { DayScheduleView, DoctorAvailability, DoctorView } from '../../shared/views.js';
import type { HandlerDeps } from './deps.js';
import { toWeekday } from './enums.js';
import { livePlaces, localNow, plannedSlots, type PlacesSlot } from './live-places.js';
import { withRetry } from './retry.js';
import { doctorView, required } from './to-view.js';

type Req<K extends keyof InvokeMap> = InvokeMap[K]['request'];

const PAGE = 500;
/** Boards read at once for the picker: enough to be quick, few enough not to flood the service. */
const BOARD_BATCH = 6;

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

/** The doctors whose day is opened on `date`, with how many patients wait on each. */
async function openedDays(deps: HandlerDeps, date: string): Promise<Map<string, number>> {
  const days = new Map<string, number>();
  let pageToken = '';
  do {
    const page = await withRetry(() =>
      deps.clients.allocation.listDoctorDays({
        doctorId: '',
        startDate: date,
        endDate: date,
        pageSize: PAGE,
        pageToken,
      }),
    );
    for (const day of page.doctorDays) days.set(day.doctorId, day.waitingCount);
    pageToken = page.nextPageToken;
  } while (pageToken !== '');
  return days;
}

const placesSlot = (slot: Slot): PlacesSlot => ({
  localStart: slot.localStartTime,
  localEnd: slot.localEndTime,
  capacity: slot.capacity,
  occupancy: slot.occupancy,
});

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
      const now = localNow(new Date(), deps.settings.timeZone);
      const [doctors, waiting] = await Promise.all([
        allDoctors(deps, false),
        openedDays(deps, request.date),
      ]);
      // An opened day's places are in its board; a past date has nothing live to count.
      const boards = new Map<string, PlacesSlot[]>();
      const opened = request.date >= now.date ? [...waiting.keys()] : [];
      for (let i = 0; i < opened.length; i += BOARD_BATCH) {
        await Promise.all(
          opened.slice(i, i + BOARD_BATCH).map(async (doctorId) => {
            const answer = await withRetry(() =>
              allocation.getDoctorDayBoard({ doctorId, date: request.date }),
            );
            boards.set(doctorId, (answer.board?.slots ?? []).map(placesSlot));
          }),
        );
      }
      return doctors.map((doctor) => {
        const slots = boards.get(doctor.doctorId);
        const places = livePlaces(
          request.date,
          slots ?? plannedSlots(doctor.weeklySchedule, request.date),
          now,
        );
        return {
          doctor,
          date: request.date,
          opened: slots !== undefined,
          ...places,
          waiting: waiting.get(doctor.doctorId) ?? 0,
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
          room: request.room.trim(),
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
            room: request.room.trim(),
            createTime: undefined,
            updateTime: undefined,
          },
          updateMask: ['display_name', 'department', 'weekly_schedule', 'active', 'room'],
        }),
      );
      return {
        doctor: doctorView(required(answer.doctor, 'the doctor')),
        promotions: answer.promotions.length,
      };
    },
  };
}
