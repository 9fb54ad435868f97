// The checker of every invoke's request. The preload runs it before a request leaves the
// renderer; the main process runs it again on arrival, because it trusts no sender.
// Environment: std.
import type { InvokeName, RequestOf } from './ipc-contract.js';
import {
  arrayOf,
  bool,
  hhmm,
  int,
  isoDate,
  nothing,
  nullableUuid,
  object,
  oneOf,
  optionalUuid,
  text,
  uuid,
  type Check,
} from './validation.js';
import { SEXES, SOURCES, TOKEN_STATUSES, WEEKDAYS, type OverridePlan } from './views.js';

const phone: Check<string> = (value, path, out) => {
  const read = text({ max: 32, required: true, label: "the patient's phone number" })(
    value,
    path,
    out,
  );
  const digits = read.replace(/\D/g, '').length;
  if (read.trim() !== '' && (!/^[+0-9 ()\-.]+$/.test(read) || digits < 6)) {
    out.push({ field: path, description: 'must be a phone number, e.g. 98450 12345' });
  }
  return read.trim();
};

const session = object({
  startTime: hhmm,
  endTime: hhmm,
  slotMinutes: int(1, 240),
  capacityPerSlot: int(1, 1000),
});
const sessions = arrayOf(session, 12);
const weeklySchedule = arrayOf(object({ weekday: oneOf(WEEKDAYS), sessions }), 7);

const plan: Check<OverridePlan> = (value, path, out) => {
  const kind = object({ kind: oneOf(['leave', 'sessions']) })(value, path, out).kind;
  if (kind === 'leave') return { kind };
  const read = object({ sessions })(value, path, out);
  if (read.sessions.length === 0) {
    out.push({
      field: `${path}.sessions`,
      description: 'add at least one session, or choose leave',
    });
  }
  return { kind, sessions: read.sessions };
};

const doctorInput = {
  displayName: text({ max: 120, required: true, label: "the doctor's name" }),
  department: text({ max: 80, required: true, label: 'the department' }),
  room: text({ max: 40 }),
  weeklySchedule,
};

/** A date range with its end not before its start. */
function range<S extends Record<string, Check<unknown>>>(
  shape: S,
): Check<{ startDate: string; endDate: string } & { [K in keyof S]: ReturnType<S[K]> }> {
  const check = object({ startDate: isoDate, endDate: isoDate, ...shape });
  return (value, path, out) => {
    const read = check(value, path, out);
    if (read.startDate !== '' && read.endDate !== '' && read.endDate < read.startDate) {
      out.push({ field: 'endDate', description: 'must not be before the start date' });
    }
    return read as { startDate: string; endDate: string } & {
      [K in keyof S]: ReturnType<S[K]>;
    };
  };
}

const reportFilters = {
  doctorId: optionalUuid,
  statuses: arrayOf(oneOf(TOKEN_STATUSES), TOKEN_STATUSES.length),
  sources: arrayOf(oneOf(SOURCES), SOURCES.length),
};

const tokenAction = object({ requestId: uuid, tokenId: uuid });
const cancel = object({ requestId: uuid, id: uuid, reason: text({ max: 200 }) });
const doctorDay = object({ doctorId: uuid, date: isoDate });

/** The optional registration fields; the service checks dates, ranges and the ABHA checksum. */
const registrationFields = object({
  sex: oneOf(['', ...SEXES]),
  birthDate: text({ max: 10 }),
  ageYears: (value, path, out) => (value === null ? null : int(0, 130)(value, path, out)),
  abhaNumber: text({ max: 20 }),
  hospitalNumber: text({ max: 40 }),
});
const registration: Check<ReturnType<typeof registrationFields> | null> = (value, path, out) =>
  value === null ? null : registrationFields(value, path, out);

export const REQUEST_CHECKS: { readonly [K in InvokeName]: Check<RequestOf<K>> } = {
  getSettings: nothing,
  getConnection: nothing,
  getLanguagePack: nothing,
  listDoctors: object({ includeInactive: bool }),
  listAvailability: object({ date: isoDate }),
  createDoctor: object({ requestId: uuid, ...doctorInput }),
  updateDoctor: object({ requestId: uuid, doctorId: uuid, active: bool, ...doctorInput }),
  listOverrides: range({ doctorId: uuid }),
  setOverride: object({
    requestId: uuid,
    doctorId: uuid,
    date: isoDate,
    plan,
    reason: text({ max: 200 }),
  }),
  deleteOverride: object({ requestId: uuid, doctorId: uuid, date: isoDate }),
  findPatient: object({ phone }),
  issueToken: object({
    requestId: uuid,
    phone,
    name: text({ max: 120, required: true, label: "the patient's name" }),
    patientId: nullableUuid,
    registration,
    doctorId: uuid,
    date: isoDate,
    source: oneOf(SOURCES),
    preferredSlotId: nullableUuid,
    notes: text({ max: 500 }),
  }),
  cancelToken: cancel,
  checkInToken: tokenAction,
  completeToken: tokenAction,
  markNoShow: tokenAction,
  cancelWaitlistEntry: cancel,
  callNext: object({ requestId: uuid, doctorId: uuid, date: isoDate }),
  recallToken: tokenAction,
  skipToken: tokenAction,
  completeCalled: tokenAction,
  transferToken: object({
    requestId: uuid,
    tokenId: uuid,
    targetDoctorId: uuid,
    reason: text({ max: 500, required: true, label: 'why the patient goes to the other doctor' }),
  }),
  undoTransition: tokenAction,
  printSlip: nothing,
  getBoard: doctorDay,
  watchBoard: doctorDay,
  watchRoom: doctorDay,
  unwatchBoard: object({ watchId: uuid }),
  listTokenRecords: range({
    ...reportFilters,
    pageSize: int(1, 500),
    pageToken: text({ max: 4096 }),
  }),
  listDailySummaries: range({ doctorId: optionalUuid }),
  startExport: range(reportFilters),
  cancelExport: object({ exportId: uuid }),
};
