import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AllocationServiceService, type DoctorDaySummary, promiseClient } from '@opd/api';
import { DEMO_DOCTORS } from '../demo-doctors.js';
import { hospitalIsEmpty, loadDemoHospital, nextOpenDay } from '../demo-hospital.js';
import { ADMIN_KEY, startAllocation, type TestAllocation } from './support/allocation.js';
import { eveningZone, noonZone } from '@opd/service-runtime/testing';

const localDate = (zone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: zone, dateStyle: 'short' }).format(new Date());
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

// Late morning in the hospital's zone: today's evening sessions are still to come.
const zone = noonZone();
let service: TestAllocation;
let client: ReturnType<typeof promiseClient<typeof AllocationServiceService>>;

beforeAll(async () => {
  service = await startAllocation({ OPD_TIME_ZONE: zone });
  client = promiseClient(AllocationServiceService, service.address, {
    apiKey: ADMIN_KEY,
    defaultTimeoutMs: 30_000,
  });
}, 90_000);
afterAll(async () => {
  client?.close();
  await service?.stop();
});

async function days(): Promise<DoctorDaySummary[]> {
  const today = localDate(zone);
  const { doctorDays } = await client.listDoctorDays({
    doctorId: '',
    startDate: today,
    endDate: addDays(today, 2),
    pageSize: 500,
    pageToken: '',
  });
  return doctorDays;
}

describe('the demo hospital loaded by npm start', () => {
  it('fills an empty hospital with doctors and partly booked days', async () => {
    expect(await hospitalIsEmpty(client)).toBe(true);
    const summary = await loadDemoHospital(client, { timeZone: zone });
    expect(summary.doctorsCreated).toBe(12);
    // Both days are booked, except a Sunday (the OPD is closed).
    for (const day of summary.days) {
      const sunday = new Date(`${day.date}T00:00:00Z`).getUTCDay() === 0;
      if (sunday) expect(day.tokens).toBe(0);
      else expect(day.tokens).toBeGreaterThan(20);
    }
    expect(await hospitalIsEmpty(client)).toBe(false);

    const { doctors } = await client.listDoctors({
      department: '',
      showInactive: true,
      pageSize: 100,
      pageToken: '',
    });
    expect(doctors.map((d) => d.displayName).sort()).toEqual(
      DEMO_DOCTORS.map((d) => d.displayName).sort(),
    );
    expect(new Set(doctors.map((d) => d.department)).size).toBeGreaterThanOrEqual(10);
    // Sundays off: nobody has a Sunday session.
    expect(doctors.every((d) => d.weeklySchedule?.days.every((day) => day.weekday !== 7))).toBe(
      true,
    );
    // Partly booked, never overfull.
    for (const day of await days()) {
      expect(day.occupancy).toBeLessThanOrEqual(day.capacity);
    }
  }, 90_000);

  it('puts one doctor on leave on the next open day', async () => {
    const malhotra = (
      await client.listDoctors({
        department: 'Orthopaedics',
        showInactive: false,
        pageSize: 10,
        pageToken: '',
      })
    ).doctors[0];
    const tomorrow = nextOpenDay(localDate(zone));
    const { scheduleOverrides } = await client.listScheduleOverrides({
      doctorId: malhotra?.doctorId ?? '',
      startDate: tomorrow,
      endDate: tomorrow,
      pageSize: 10,
      pageToken: '',
    });
    expect(scheduleOverrides).toEqual([
      expect.objectContaining({
        date: tomorrow,
        reason: 'Conference',
        dayPlan: { $case: 'leave', value: {} },
      }),
    ]);
  });

  it('adds nothing when it runs a second time', async () => {
    const before = await days();
    const summary = await loadDemoHospital(client, { timeZone: zone });
    expect(summary.doctorsCreated).toBe(0);
    expect(summary.doctorsFound).toBe(12);
    const after = await days();
    const places = (list: DoctorDaySummary[]) =>
      list
        .map(
          (d) => `${d.date} ${d.doctorId} ${d.occupancy}/${d.capacity} waiting ${d.waitingCount}`,
        )
        .sort();
    expect(places(after)).toEqual(places(before));
    const { doctors } = await client.listDoctors({
      department: '',
      showInactive: true,
      pageSize: 100,
      pageToken: '',
    });
    expect(doctors).toHaveLength(12);
  }, 90_000);
});

describe('the demo hospital loaded in the evening, when today is over', () => {
  const evening = eveningZone();
  let late: TestAllocation;
  let lateClient: ReturnType<typeof promiseClient<typeof AllocationServiceService>>;
  beforeAll(async () => {
    late = await startAllocation({ OPD_TIME_ZONE: evening });
    lateClient = promiseClient(AllocationServiceService, late.address, {
      apiKey: ADMIN_KEY,
      defaultTimeoutMs: 30_000,
    });
  }, 90_000);
  afterAll(async () => {
    lateClient?.close();
    await late?.stop();
  });

  it('books the next open day, where the suggested board has patients to come', async () => {
    const today = localDate(evening);
    const summary = await loadDemoHospital(lateClient, { timeZone: evening });

    expect(summary.today).toBe(today);
    expect(summary.nextOpenDay).toBe(nextOpenDay(today));
    expect(new Date(`${summary.nextOpenDay}T00:00:00Z`).getUTCDay()).not.toBe(0);
    // Nothing of today is left to book; the next open day is partly booked.
    expect(summary.days.map((d) => d.date)).toEqual([today, summary.nextOpenDay]);
    expect(summary.days[0]?.tokens).toBe(0);
    expect(summary.days[1]?.tokens).toBeGreaterThan(20);
    const meera = (
      await lateClient.listDoctors({
        department: 'ENT',
        showInactive: false,
        pageSize: 10,
        pageToken: '',
      })
    ).doctors.find((d) => d.displayName === 'Dr. Meera Rao');
    const { board } = await lateClient.getDoctorDayBoard({
      doctorId: meera?.doctorId ?? '',
      date: summary.nextOpenDay,
    });
    expect(board?.tokens.length).toBeGreaterThan(0);
  }, 120_000);
});

describe('the next open day', () => {
  it('is tomorrow, or Monday when tomorrow is a Sunday', () => {
    expect(nextOpenDay('2026-11-27')).toBe('2026-11-28'); // Friday -> Saturday
    expect(nextOpenDay('2026-11-28')).toBe('2026-11-30'); // Saturday -> Monday
    expect(nextOpenDay('2026-11-29')).toBe('2026-11-30'); // Sunday -> Monday
  });
});
