import type {
  CancelTokenRequest,
  CancelWaitlistEntryRequest,
  CreateDoctorRequest,
  ListAuditEntriesRequest,
  RequestTokenRequest,
  SetScheduleOverrideRequest,
  TransferTokenRequest,
  UpdateDoctorRequest,
} from '@opd/api';
import { ApiError, isDate, RequestCheck } from '@opd/service-runtime';
import type { Source } from '@opd/engine';
import type { CommandEnv } from '../commands/command-env.js';
import type { NewDoctor } from '../commands/create-doctor.js';
import type { TokenRequestInput } from '../commands/request-token.js';
import type { OverrideInput } from '../commands/set-schedule-override.js';
import type { DoctorChanges } from '../commands/update-doctor.js';
import { daysBetween, localDate } from '../hospital.js';
import { normalisePhone } from '../phone.js';
import { fromProtoSource, toProtoSource } from '../contract/enums.js';
import { Source as ProtoSource } from '@opd/api';

const toProtoSourceName = (source: Source): string => ProtoSource[toProtoSource(source)];
import {
  sessionViolations,
  sessionsFromMessage,
  weeklyScheduleFromMessage,
} from './schedule-input.js';

// Requests → validated command inputs. Every function throws INVALID_ARGUMENT naming each bad
// field, or returns input the commands can trust.

// As the contract says: names 1 to 120 characters, departments 1 to 80.
const NAME_MAX = 120;
const DEPARTMENT_MAX = 80;
const TEXT_MAX = 500;
const ROOM_MAX = 40;

export function doctorId(value: string): string {
  const check = new RequestCheck();
  const id = check.id('doctor_id', value);
  check.done();
  return id;
}

export function tokenId(value: string): string {
  const check = new RequestCheck();
  const id = check.id('token_id', value);
  check.done();
  return id;
}

export function phone(env: CommandEnv, value: string): string {
  const check = new RequestCheck();
  const e164 = readPhone(check, env, 'phone', value);
  check.done();
  return e164;
}

function readPhone(check: RequestCheck, env: CommandEnv, field: string, value: string): string {
  if (value.trim() === '') {
    check.add(field, 'is required');
    return '';
  }
  const e164 = normalisePhone(value, env.hospital.defaultCountry);
  if (!e164)
    check.add(
      field,
      `is not a valid phone number (numbers without a country code are read as ${env.hospital.defaultCountry})`,
    );
  return e164 ?? '';
}

/** A date from today on, in the hospital's calendar (the past cannot be changed). */
function upcomingDate(check: RequestCheck, env: CommandEnv, field: string, value: string): string {
  const date = check.date(field, value);
  if (!isDate(date)) return date;
  const today = localDate(env.hospital, env.clock.now());
  if (date < today) check.add(field, `must be today (${today}) or later`);
  return date;
}

/** A bookable date: from today to the booking horizon, in the hospital's calendar. */
function bookableDate(check: RequestCheck, env: CommandEnv, field: string, value: string): string {
  const date = upcomingDate(check, env, field, value);
  if (!isDate(date)) return date;
  const today = localDate(env.hospital, env.clock.now());
  if (date >= today && daysBetween(today, date) > env.hospital.bookingHorizonDays) {
    check.add(field, `must be within ${env.hospital.bookingHorizonDays} days of today (${today})`);
  }
  return date;
}

export function doctorFilter<T extends { department: string }>(req: T): T {
  const check = new RequestCheck();
  check.optionalText('department', req.department, DEPARTMENT_MAX);
  check.done();
  return req;
}

export function newDoctor(req: CreateDoctorRequest): NewDoctor {
  const check = new RequestCheck();
  check.requestId(req.requestId);
  const displayName = check.text('display_name', req.displayName, NAME_MAX);
  const department = check.text('department', req.department, DEPARTMENT_MAX);
  const { schedule, violations } = weeklyScheduleFromMessage('weekly_schedule', req.weeklySchedule);
  check.addAll(violations);
  const room = check.optionalText('room', req.room, ROOM_MAX);
  check.done();
  return { displayName, department, weeklySchedule: schedule, room };
}

const UPDATABLE = new Set(['display_name', 'department', 'weekly_schedule', 'active', 'room']);

export function doctorChanges(req: UpdateDoctorRequest): {
  doctorId: string;
  changes: DoctorChanges;
} {
  const check = new RequestCheck();
  check.requestId(req.requestId);
  const id = check.id('doctor.doctor_id', req.doctor?.doctorId ?? '');
  const paths = req.updateMask ?? [];
  if (paths.length === 0) check.add('update_mask', 'must name at least one field');
  const changes: { -readonly [K in keyof DoctorChanges]: DoctorChanges[K] } = {};
  for (const path of paths) {
    if (!UPDATABLE.has(path)) {
      check.add('update_mask', `cannot update "${path}" (updatable: ${[...UPDATABLE].join(', ')})`);
    } else if (path === 'display_name') {
      changes.displayName = check.text(
        'doctor.display_name',
        req.doctor?.displayName ?? '',
        NAME_MAX,
      );
    } else if (path === 'department') {
      changes.department = check.text(
        'doctor.department',
        req.doctor?.department ?? '',
        DEPARTMENT_MAX,
      );
    } else if (path === 'active') {
      changes.active = req.doctor?.active ?? false;
    } else if (path === 'room') {
      changes.room = check.optionalText('doctor.room', req.doctor?.room ?? '', ROOM_MAX);
    } else {
      const { schedule, violations } = weeklyScheduleFromMessage(
        'doctor.weekly_schedule',
        req.doctor?.weeklySchedule,
      );
      check.addAll(violations);
      changes.weeklySchedule = schedule;
    }
  }
  check.done();
  return { doctorId: id, changes };
}

export function override(env: CommandEnv, req: SetScheduleOverrideRequest): OverrideInput {
  const check = new RequestCheck();
  check.requestId(req.requestId);
  const doctorId = check.id('doctor_id', req.doctorId);
  const date = upcomingDate(check, env, 'date', req.date);
  const reason = check.optionalText('reason', req.reason, TEXT_MAX);
  let sessions: OverrideInput['sessions'];
  if (!req.dayPlan) check.add('day_plan', 'is required: leave, or sessions');
  else if (req.dayPlan.$case === 'sessions') {
    sessions = sessionsFromMessage(req.dayPlan.value.sessions);
    if (sessions.length === 0)
      check.add('sessions.sessions', 'must list at least one session (use leave for none)');
    check.addAll(sessionViolations('sessions.sessions', sessions));
  }
  check.done();
  return { doctorId, date, sessions, reason };
}

/** DeleteScheduleOverride: a mutation, so its idempotency key is required too. */
export function overrideRemoval(
  env: CommandEnv,
  req: { requestId: string; doctorId: string; date: string },
): { doctorId: string; date: string } {
  const check = new RequestCheck();
  check.requestId(req.requestId);
  const doctorId = check.id('doctor_id', req.doctorId);
  const date = upcomingDate(check, env, 'date', req.date);
  check.done();
  return { doctorId, date };
}

/**
 * A doctor-day to look at: any past date (history), up to the booking horizon ahead (a board
 * further ahead would show a day nobody may book yet).
 */
export function doctorDate(
  env: CommandEnv,
  req: { doctorId: string; date: string },
): { doctorId: string; date: string } {
  const check = new RequestCheck();
  const doctorId = check.id('doctor_id', req.doctorId);
  const date = check.date('date', req.date);
  if (isDate(date)) {
    const today = localDate(env.hospital, env.clock.now());
    if (daysBetween(today, date) > env.hospital.bookingHorizonDays) {
      check.add(
        'date',
        `must be within ${env.hospital.bookingHorizonDays} days of today (${today}) or in the past`,
      );
    }
  }
  check.done();
  return { doctorId, date };
}

export function overrideRange<T extends { doctorId: string; startDate: string; endDate: string }>(
  req: T,
): T {
  const check = new RequestCheck();
  check.id('doctor_id', req.doctorId);
  check.optionalDate('start_date', req.startDate);
  check.optionalDate('end_date', req.endDate);
  check.range('start_date', req.startDate, 'end_date', req.endDate);
  check.done();
  return req;
}

export function doctorDayRange<T extends { doctorId: string; startDate: string; endDate: string }>(
  req: T,
): T {
  const check = new RequestCheck();
  check.optionalId('doctor_id', req.doctorId);
  check.optionalDate('start_date', req.startDate);
  check.optionalDate('end_date', req.endDate);
  check.range('start_date', req.startDate, 'end_date', req.endDate);
  check.done();
  return req;
}

export function auditFilter(req: ListAuditEntriesRequest): ListAuditEntriesRequest {
  const check = new RequestCheck();
  check.optionalId('token_id', req.tokenId);
  check.optionalId('doctor_id', req.doctorId);
  check.optionalId('patient_id', req.patientId);
  check.optionalDate('start_date', req.startDate);
  check.optionalDate('end_date', req.endDate);
  check.range('start_date', req.startDate, 'end_date', req.endDate);
  check.done();
  return req;
}

export function tokenRequest(
  env: CommandEnv,
  req: RequestTokenRequest,
  role: string,
): TokenRequestInput {
  const check = new RequestCheck();
  check.requestId(req.requestId);
  const patient = patientOf(check, env, req);
  const doctorId = check.id('doctor_id', req.doctorId);
  const date = bookableDate(check, env, 'date', req.date);
  const source = fromProtoSource(req.source);
  if (source === undefined) {
    check.add(
      'source',
      'must be one of SOURCE_EMERGENCY, SOURCE_PAID, SOURCE_FOLLOW_UP, SOURCE_WALK_IN, SOURCE_ONLINE',
    );
  }
  const preferredSlotId = check.optionalId('preferred_slot_id', req.preferredSlotId);
  const notes = check.optionalText('notes', req.notes, TEXT_MAX);
  check.done();
  if (source !== undefined) mayBookAs(env, role, source);
  return {
    patient,
    doctorId,
    date,
    source: source ?? 'WALK_IN',
    preferredSlotId,
    notes,
  };
}

/** A portal may not claim to be an emergency: each role books only with its own sources. */
function mayBookAs(env: CommandEnv, role: string, source: Source): void {
  const allowed = env.hospital.sourcesByRole[role] ?? [];
  if (allowed.includes(source)) return;
  throw new ApiError(
    'PERMISSION_DENIED',
    `the ${role} role may not request tokens as ${toProtoSourceName(source)} (allowed: ${allowed.map(toProtoSourceName).join(', ') || 'none'})`,
    {
      reason: 'SOURCE_NOT_ALLOWED',
      metadata: {
        role,
        source: toProtoSourceName(source),
        allowed_sources: allowed.map(toProtoSourceName).join(','),
      },
    },
  );
}

/** The patient by id, or by phone and name (a phone may hold a family). */
function patientOf(
  check: RequestCheck,
  env: CommandEnv,
  req: RequestTokenRequest,
): TokenRequestInput['patient'] {
  if (req.patientId !== '') {
    const patientId = check.id('patient_id', req.patientId);
    if (req.patientPhone !== '' || req.patientName !== '') {
      check.add('patient_id', 'give either patient_id or patient_phone and patient_name, not both');
    }
    return { patientId };
  }
  const phone = readPhone(check, env, 'patient_phone', req.patientPhone);
  const name = check.text('patient_name', req.patientName, NAME_MAX);
  return { phone, name };
}

export function tokenCancellation(req: CancelTokenRequest): { tokenId: string; reason: string } {
  const check = new RequestCheck();
  check.requestId(req.requestId);
  const id = check.id('token_id', req.tokenId);
  const reason = check.optionalText('reason', req.reason, TEXT_MAX);
  check.done();
  return { tokenId: id, reason };
}

export function entryCancellation(req: CancelWaitlistEntryRequest): {
  waitlistEntryId: string;
  reason: string;
} {
  const check = new RequestCheck();
  check.requestId(req.requestId);
  const id = check.id('waitlist_entry_id', req.waitlistEntryId);
  const reason = check.optionalText('reason', req.reason, TEXT_MAX);
  check.done();
  return { waitlistEntryId: id, reason };
}

export function tokenAction(req: { requestId: string; tokenId: string }): { tokenId: string } {
  const check = new RequestCheck();
  check.requestId(req.requestId);
  const id = check.id('token_id', req.tokenId);
  check.done();
  return { tokenId: id };
}

/** The room's doctor and day (the engine says whether the room is open then). */
export function roomCall(req: { requestId: string; doctorId: string; date: string }): {
  doctorId: string;
  date: string;
} {
  const check = new RequestCheck();
  check.requestId(req.requestId);
  const doctorId = check.id('doctor_id', req.doctorId);
  const date = check.date('date', req.date);
  check.done();
  return { doctorId, date };
}

export function tokenTransfer(req: TransferTokenRequest): {
  tokenId: string;
  targetDoctorId: string;
  reason: string;
} {
  const check = new RequestCheck();
  check.requestId(req.requestId);
  const tokenId = check.id('token_id', req.tokenId);
  const targetDoctorId = check.id('target_doctor_id', req.targetDoctorId);
  const reason = check.text('reason', req.reason, TEXT_MAX);
  check.done();
  return { tokenId, targetDoctorId, reason };
}
