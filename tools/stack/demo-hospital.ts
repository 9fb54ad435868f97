// Loads the demo hospital through the public gRPC API with an admin key: twelve doctors with
// weekly schedules, one on leave on the next open day, and today's and that day partly booked with
// a realistic source mix, some patients already checked in or seen. Every request carries a
// key derived from what it does, so running the loader twice replays instead of adding.
import {
  type AllocationServiceService,
  type Doctor,
  type PromiseClient,
  Source,
  type Token,
} from '@opd/api';
import { decodeServiceError } from '@opd/service-runtime';
import { DEMO_DOCTORS, ON_LEAVE } from './demo-doctors.js';
import { demoChance, demoId } from './demo-ids.js';
import { demoPatient } from './demo-patients.js';

export type AllocationClient = PromiseClient<typeof AllocationServiceService>;

export interface DemoDay {
  readonly date: string;
  /** Tokens issued (or found issued by an earlier run). */
  tokens: number;
  waitlisted: number;
  checkedIn: number;
  completed: number;
}

export interface DemoSummary {
  /** Today and the next day the OPD is open. */
  readonly today: string;
  readonly nextOpenDay: string;
  readonly doctorsCreated: number;
  readonly doctorsFound: number;
  readonly days: readonly DemoDay[];
  readonly leave: string;
}

export interface DemoOptions {
  readonly timeZone?: string;
  readonly now?: Date;
}

const localDate = (zone: string, instant: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: zone, dateStyle: 'short' }).format(instant);

const nextDate = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * The first day after `date` the OPD is open (it is closed on Sundays): what the demo books
 * besides today, so an evening's `npm start` still shows a day with patients to come.
 */
export function nextOpenDay(date: string): string {
  const next = nextDate(date);
  return new Date(`${next}T00:00:00Z`).getUTCDay() === 0 ? nextDate(next) : next;
}

const PRESENT = new Set([Source.SOURCE_WALK_IN, Source.SOURCE_EMERGENCY]);
const MINUTE = 60_000;

/** The answer, or the reason of a refusal named in `tolerated` (anything else throws). */
async function attempt<T>(
  call: Promise<T>,
  ...tolerated: string[]
): Promise<{ answer: T } | { refused: string }> {
  try {
    return { answer: await call };
  } catch (error) {
    const { reason } = decodeServiceError(error);
    if (reason !== undefined && tolerated.includes(reason)) return { refused: reason };
    throw error;
  }
}

async function ensureDoctors(
  client: AllocationClient,
): Promise<{ doctors: Doctor[]; created: number }> {
  const existing = new Map<string, Doctor>();
  let pageToken = '';
  do {
    const page = await client.listDoctors({
      department: '',
      showInactive: true,
      pageSize: 500,
      pageToken,
    });
    for (const doctor of page.doctors) existing.set(doctor.displayName, doctor);
    pageToken = page.nextPageToken;
  } while (pageToken !== '');
  let created = 0;
  const doctors: Doctor[] = [];
  for (const [index, demo] of DEMO_DOCTORS.entries()) {
    let doctor = existing.get(demo.displayName);
    if (!doctor) {
      doctor = (
        await client.createDoctor({
          requestId: demoId('doctor', demo.displayName),
          // Two OPD blocks of six rooms: what the slip and the waiting-room display show.
          room: `OPD ${Math.floor(index / 6) + 1}, Room ${(index % 6) + 11}`,
          ...demo,
        })
      ).doctor;
      created++;
    }
    if (doctor) doctors.push(doctor);
  }
  return { doctors, created };
}

async function setLeave(
  client: AllocationClient,
  doctors: readonly Doctor[],
  date: string,
): Promise<string> {
  const doctor = doctors.find((d) => d.displayName === ON_LEAVE.displayName);
  if (!doctor) return 'nobody on leave';
  const set = await attempt(
    client.setScheduleOverride({
      requestId: demoId('leave', doctor.doctorId, date),
      doctorId: doctor.doctorId,
      date,
      dayPlan: { $case: 'leave', value: {} },
      reason: ON_LEAVE.reason,
    }),
    'SCHEDULE_CHANGE_DISPLACES_TOKENS',
  );
  return 'answer' in set
    ? `${doctor.displayName} on leave ${date} (${ON_LEAVE.reason})`
    : `${doctor.displayName} kept working ${date}: tokens were already booked`;
}

/** Books part of one doctor-day; on today, checks in and completes the patients already due. */
async function bookDay(
  client: AllocationClient,
  doctor: Doctor,
  day: DemoDay,
  isToday: boolean,
  now: Date,
) {
  const { board } = await client.getDoctorDayBoard({ doctorId: doctor.doctorId, date: day.date });
  const slots = board?.slots ?? [];
  const live = slots.filter((s) => (s.endTime?.getTime() ?? 0) > now.getTime());
  if (live.length === 0) return;
  const key = `${doctor.doctorId}/${day.date}`;
  // Only the number of requests depends on the time of day; request n is always the same.
  const share = 0.35 + 0.25 * demoChance(key, 'share');
  const wanted = Math.round(share * live.reduce((sum, s) => sum + s.capacity, 0));
  const tokens: Token[] = [];
  let held = 0;
  let waitlisted = 0;
  for (let n = 0; held < wanted && waitlisted < 3; n++) {
    const patient = demoPatient(key, n);
    const prefers = !PRESENT.has(patient.source) && demoChance(key, n, 'prefers') < 0.5;
    const preferred = prefers
      ? slots[Math.floor(demoChance(key, n, 'slot') * slots.length)]
      : undefined;
    const result = await attempt(
      client.requestToken({
        requestId: demoId('token', key, n),
        patientId: '',
        patientPhone: patient.phone,
        patientName: patient.name,
        doctorId: doctor.doctorId,
        date: day.date,
        source: patient.source,
        preferredSlotId: preferred?.slotId ?? '',
        notes: '',
      }),
      'PATIENT_ALREADY_HOLDS_TOKEN',
      'DOCTOR_DAY_OVER',
    );
    if ('refused' in result) {
      if (result.refused === 'DOCTOR_DAY_OVER') break; // the last slot just ended
      held++; // this patient holds a place from an earlier run
      continue;
    }
    const outcome = result.answer.outcome;
    if (outcome?.$case === 'allocated' && outcome.value.token) {
      tokens.push(outcome.value.token);
      held++;
    } else {
      waitlisted++;
    }
  }
  day.tokens += held;
  day.waitlisted += waitlisted;
  if (isToday) await seePatients(client, tokens, day, now);
}

/**
 * Today's patients as the counter would find them: most of those whose slot has started are
 * checked in and about half of those already seen; some due within half an hour are in.
 */
async function seePatients(
  client: AllocationClient,
  tokens: readonly Token[],
  day: DemoDay,
  now: Date,
) {
  for (const token of tokens) {
    const start = token.slotStartTime?.getTime();
    if (start === undefined || start > now.getTime() + 30 * MINUTE) continue;
    const started = start <= now.getTime();
    if (demoChance(token.tokenId, 'arrives') >= (started ? 0.8 : 0.4)) continue;
    const checkedIn = await attempt(
      client.checkInToken({ requestId: demoId('check-in', token.tokenId), tokenId: token.tokenId }),
      'INVALID_TRANSITION',
    );
    if ('refused' in checkedIn) continue;
    day.checkedIn++;
    if (!started || demoChance(token.tokenId, 'seen') >= 0.5) continue;
    const completed = await attempt(
      client.completeToken({
        requestId: demoId('complete', token.tokenId),
        tokenId: token.tokenId,
      }),
      'INVALID_TRANSITION',
    );
    if ('answer' in completed) day.completed++;
  }
}

/** Loads (or tops up) the demo hospital and says what it did. */
export async function loadDemoHospital(
  client: AllocationClient,
  options: DemoOptions = {},
): Promise<DemoSummary> {
  const zone = options.timeZone ?? 'Asia/Kolkata';
  const now = options.now ?? new Date();
  const { doctors, created } = await ensureDoctors(client);
  const today = localDate(zone, now);
  const openDay = nextOpenDay(today);
  const leave = await setLeave(client, doctors, openDay);
  const days: DemoDay[] = [];
  for (const date of [today, openDay]) {
    const day: DemoDay = { date, tokens: 0, waitlisted: 0, checkedIn: 0, completed: 0 };
    // Doctors side by side (each doctor-day has its own lock); one doctor's requests in order.
    await Promise.all(doctors.map((d) => bookDay(client, d, day, date === today, now)));
    days.push(day);
  }
  return {
    today,
    nextOpenDay: openDay,
    doctorsCreated: created,
    doctorsFound: doctors.length - created,
    days,
    leave,
  };
}

/** True when the service has no doctors at all (active or not): a fresh database. */
export async function hospitalIsEmpty(client: AllocationClient): Promise<boolean> {
  const page = await client.listDoctors({
    department: '',
    showInactive: true,
    pageSize: 1,
    pageToken: '',
  });
  return page.doctors.length === 0;
}
