import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { status } from '@grpc/grpc-js';
import { Source, Weekday } from '@opd/api';
import { expectRefused } from '@opd/service-runtime/testing';
import { addDoctor, everyDay, session } from './support/fixtures.js';
import {
  ist,
  phone,
  rid,
  startHarness,
  TODAY,
  type AllocationClient,
  type Harness,
} from './support/harness.js';

let h: Harness;
let admin: AllocationClient;
let counter: AllocationClient;

beforeAll(async () => {
  h = await startHarness();
  admin = h.client('admin');
  counter = h.client('counter');
  h.clock.set(ist('07:00'));
});
afterAll(() => h.stop());

const book = (doctorId: string, date = TODAY) =>
  counter.requestToken({
    requestId: rid(),
    patientId: '',
    patientPhone: phone(),
    patientName: 'Chitra Menon',
    doctorId,
    date,
    source: Source.SOURCE_WALK_IN,
    preferredSlotId: '',
    notes: '',
  });

describe('doctors and their schedules', () => {
  it('creates a doctor and reads the weekly template back', async () => {
    const doctorId = await addDoctor(admin, [session('09:00', '11:00', 15, 4)], 'Dr. Iyer');
    const { doctor } = await counter.getDoctor({ doctorId });
    expect(doctor).toMatchObject({
      displayName: 'Dr. Iyer',
      department: 'General Medicine',
      active: true,
    });
    expect(doctor?.weeklySchedule?.days).toHaveLength(7);
    expect(doctor?.weeklySchedule?.days[0]?.sessions[0]).toEqual(session('09:00', '11:00', 15, 4));
  });

  it('names every bad field of a template: times, sizes, overlaps, repeated weekdays', async () => {
    const refused = await expectRefused(
      admin.createDoctor({
        room: '',
        requestId: rid(),
        displayName: '',
        department: 'ENT',
        weeklySchedule: {
          days: [
            { weekday: Weekday.WEEKDAY_MONDAY, sessions: [session('9am', '10:00', 30, 2)] },
            { weekday: Weekday.WEEKDAY_MONDAY, sessions: [] },
            {
              weekday: Weekday.WEEKDAY_TUESDAY,
              sessions: [session('09:00', '11:00', 30, 2), session('10:00', '12:00', 30, 0)],
            },
          ],
        },
      }),
      status.INVALID_ARGUMENT,
      'FIELD_VIOLATION',
    );
    expect(refused.fieldViolations.map((v) => v.field)).toEqual([
      'display_name',
      'weekly_schedule.days[0].sessions[0].start_time',
      'weekly_schedule.days[1].weekday',
      'weekly_schedule.days[2].sessions[1].capacity_per_slot',
    ]);
  });

  it('only lets admins manage doctors', async () => {
    await expectRefused(
      counter.createDoctor({
        room: '',
        requestId: rid(),
        displayName: 'X',
        department: 'Y',
        weeklySchedule: everyDay(),
      }),
      status.PERMISSION_DENIED,
      'ROLE_NOT_ALLOWED',
    );
  });

  it('lists doctors by department and name, page by page, each exactly once', async () => {
    for (const name of ['Dr. A', 'Dr. B', 'Dr. C', 'Dr. D', 'Dr. E']) {
      await admin.createDoctor({
        room: '',
        requestId: rid(),
        displayName: name,
        department: 'Paging',
        weeklySchedule: everyDay(),
      });
    }
    const seen: string[] = [];
    let pageToken = '';
    do {
      const page = await counter.listDoctors({
        department: 'Paging',
        showInactive: false,
        pageSize: 2,
        pageToken,
      });
      seen.push(...page.doctors.map((d) => d.displayName));
      pageToken = page.nextPageToken;
    } while (pageToken);
    expect(seen).toEqual(['Dr. A', 'Dr. B', 'Dr. C', 'Dr. D', 'Dr. E']);
    await expectRefused(
      counter.listDoctors({
        department: 'Paging',
        showInactive: false,
        pageSize: 2,
        pageToken: 'forged.token',
      }),
      status.INVALID_ARGUMENT,
      'INVALID_PAGE_TOKEN',
    );
  });

  it('re-plans an open day when the template grows, promoting the waitlist into the new room', async () => {
    const doctorId = await addDoctor(admin, [session('09:00', '09:30', 30, 1)]);
    await book(doctorId);
    const waiting = await book(doctorId);
    expect(waiting.outcome?.$case).toBe('waitlisted');
    const res = await admin.updateDoctor({
      requestId: rid(),
      doctor: {
        room: '',
        doctorId,
        displayName: '',
        department: '',
        weeklySchedule: everyDay(session('09:00', '09:30', 30, 2)),
        active: true,
        createTime: undefined,
        updateTime: undefined,
      },
      updateMask: ['weekly_schedule'],
    });
    expect(res.promotions).toHaveLength(1);
    const board = await counter.getDoctorDayBoard({ doctorId, date: TODAY });
    expect(board.board?.slots.map((s) => [s.capacity, s.occupancy])).toEqual([[2, 2]]);
  });

  it('refuses a template change that would take a held place, and changes nothing', async () => {
    const doctorId = await addDoctor(admin, [session('09:00', '09:30', 30, 2)]);
    await book(doctorId);
    await book(doctorId);
    const refused = await expectRefused(
      admin.updateDoctor({
        requestId: rid(),
        doctor: {
          room: '',
          doctorId,
          displayName: 'Renamed',
          department: '',
          weeklySchedule: everyDay(session('09:00', '09:30', 30, 1)),
          active: true,
          createTime: undefined,
          updateTime: undefined,
        },
        updateMask: ['weekly_schedule', 'display_name'],
      }),
      status.FAILED_PRECONDITION,
      'SCHEDULE_CHANGE_DISPLACES_TOKENS',
    );
    expect(refused.metadata).toMatchObject({ date: TODAY, occupancy: '2', new_capacity: '1' });
    const { doctor } = await counter.getDoctor({ doctorId });
    expect(doctor?.displayName).toBe('Dr. Test');
  });

  it('puts a doctor on leave for a date: no sessions, requests refused with the reason', async () => {
    const doctorId = await addDoctor(admin);
    await admin.setScheduleOverride({
      requestId: rid(),
      doctorId,
      date: '2026-11-30',
      dayPlan: { $case: 'leave', value: {} },
      reason: 'conference',
    });
    await expectRefused(
      book(doctorId, '2026-11-30'),
      status.FAILED_PRECONDITION,
      'NO_SESSION_ON_DATE',
    );
    const overrides = await counter.listScheduleOverrides({
      doctorId,
      startDate: '',
      endDate: '',
      pageSize: 0,
      pageToken: '',
    });
    expect(overrides.scheduleOverrides.map((o) => [o.date, o.dayPlan?.$case, o.reason])).toEqual([
      ['2026-11-30', 'leave', 'conference'],
    ]);
    await admin.deleteScheduleOverride({ requestId: rid(), doctorId, date: '2026-11-30' });
    expect((await book(doctorId, '2026-11-30')).outcome?.$case).toBe('allocated');
  });

  it('refuses a new token for an inactive doctor', async () => {
    const doctorId = await addDoctor(admin);
    await admin.updateDoctor({
      requestId: rid(),
      doctor: {
        room: '',
        doctorId,
        displayName: '',
        department: '',
        weeklySchedule: undefined,
        active: false,
        createTime: undefined,
        updateTime: undefined,
      },
      updateMask: ['active'],
    });
    await expectRefused(book(doctorId), status.FAILED_PRECONDITION, 'DOCTOR_INACTIVE');
  });
});
