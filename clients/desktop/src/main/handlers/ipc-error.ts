// The boundary normaliser: anything a handler throws becomes an IpcError — a gRPC status name,
// the ErrorInfo reason, and a sentence for the counter. Causes and stacks never cross IPC.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { decodeServiceError } from '@opd/service-runtime';
import { violationError } from '../../shared/error-text.js';
import type { IpcError } from '../../shared/ipc-contract.js';

export type ServiceName = 'allocation' | 'reporting';

export interface ErrorContext {
  readonly service: ServiceName;
  /** The hospital's zone, to say "from 09:45" rather than an instant in UTC. */
  readonly timeZone: string;
}

/** A refusal raised by the desktop itself (not by a service), already in words. */
export class DesktopError extends Error {
  override readonly name = 'DesktopError';
  constructor(
    readonly code: string,
    message: string,
    readonly reason: string | null = null,
  ) {
    super(message);
  }
}

/**
 * A service's field path in the renderer's terms.
 *
 * @example rendererField('weekly_schedule.days[0].sessions[1].end_time')
 *   // 'weeklySchedule[0].sessions[1].endTime'
 */
export function rendererField(path: string): string {
  const camel = path.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return camel
    .replace(/^patientPhone$/, 'phone')
    .replace(/^patientName$/, 'name')
    .replace(/^weeklySchedule\.days\[/, 'weeklySchedule[')
    .replace(/^sessions\.sessions\[/, 'plan.sessions[')
    .replace(/^(leave|sessions)$/, 'plan')
    .replace(/^doctor\./, '');
}

const localTime = (instant: string | undefined, timeZone: string): string => {
  const date = new Date(instant ?? '');
  if (Number.isNaN(date.getTime())) return 'later';
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
  return `from ${time}`;
};

/** Status names as sent in INVALID_TRANSITION's metadata (with or without the enum prefix). */
const STATUS_WORDS: Readonly<Record<string, string>> = {
  ALLOCATED: 'waiting for the patient',
  CHECKED_IN: 'checked in',
  COMPLETED: 'completed',
  CANCELLED: 'cancelled',
  NO_SHOW: 'marked no-show',
  PREEMPTED: 'displaced by a more urgent patient',
  WAITING: 'waiting',
  PROMOTED: 'already given a token',
  EXPIRED: 'expired',
};
const statusWords = (status: string | undefined): string =>
  STATUS_WORDS[(status ?? '').replace(/^(TOKEN_STATUS_|WAITLIST_ENTRY_STATUS_)/, '')] ??
  'in another state';

type Sentence = (metadata: Readonly<Record<string, string>>, context: ErrorContext) => string;

const REASONS: Readonly<Record<string, Sentence>> = {
  INVALID_PAGE_TOKEN: () => 'The list has changed. Start again from the first page.',
  DOCTOR_NOT_FOUND: () => 'That doctor is not in the system. Refresh the doctor list.',
  TOKEN_NOT_FOUND: () => 'That token is not in the system. Refresh the board.',
  WAITLIST_ENTRY_NOT_FOUND: () => 'That waitlist entry is not in the system. Refresh the board.',
  SLOT_NOT_FOUND: () =>
    "The chosen slot is not part of this doctor's day. Choose another slot or leave it empty.",
  PATIENT_NOT_FOUND: () => 'No patient is registered with this phone number.',
  SCHEDULE_OVERRIDE_NOT_FOUND: (m) =>
    `The doctor has no schedule change on ${m['date'] ?? 'that date'}.`,
  PATIENT_ALREADY_HOLDS_TOKEN: (m) =>
    m['token_number']
      ? `The patient already holds token ${m['token_number']} for this doctor on this day.`
      : `The patient is already waiting for this doctor on this day (position ${m['position'] ?? '?'}).`,
  INVALID_TRANSITION: (m) =>
    `This is not possible: it is ${statusWords(m['current_status'])} already.`,
  GRACE_PERIOD_NOT_OVER: (m, c) =>
    `Too early to mark a no-show: the patient has ${m['grace_minutes'] ?? '15'} minutes, so it is possible ${localTime(m['no_show_allowed_after'], c.timeZone)}.`,
  NO_SESSION_ON_DATE: (m) =>
    `The doctor has no consultations on ${m['date'] ?? 'that date'}. Choose another doctor or date.`,
  DOCTOR_DAY_OVER: (m) =>
    `The doctor's day on ${m['date'] ?? 'that date'} is over. Choose a later date.`,
  DOCTOR_INACTIVE: () => 'This doctor is not taking new patients. Choose another doctor.',
  SCHEDULE_CHANGE_DISPLACES_TOKENS: (m) =>
    `This change would remove places patients already hold (${m['occupancy'] ?? 'some'} in one slot on ${m['date'] ?? 'that day'}). Cancel or move those tokens first.`,
  IDEMPOTENCY_KEY_REUSED: () => 'This request was already used for something else. Try again.',
  CHECK_IN_NOT_OPEN: () => 'Check-in opens on the day of the visit.',
  DATE_OUT_OF_RANGE: (m) =>
    `That date cannot be booked: it is in the past or more than ${m['horizon_days'] ?? 'the allowed'} days ahead.`,
  API_KEY_MISSING: (_, c) =>
    `The desktop has no API key for the ${c.service} service. Ask IT to set one in its configuration.`,
  API_KEY_INVALID: (_, c) =>
    `The ${c.service} service does not accept this desktop's API key. Ask IT to check the configuration.`,
  ROLE_NOT_ALLOWED: (_, c) =>
    `This desktop's API key may not do this on the ${c.service} service. Ask IT for a key with the right role.`,
  RATE_LIMITED: () => 'The service is busy. Wait a moment and try again.',
  CONCURRENT_UPDATE: () => "The doctor's day was busy and nothing was changed. Try again.",
};

const CODES: Readonly<Record<string, Sentence>> = {
  UNAVAILABLE: (_, c) =>
    `The ${c.service} service cannot be reached. Check the network; the desktop keeps trying.`,
  DEADLINE_EXCEEDED: (_, c) =>
    `The ${c.service} service did not answer in time. Try again: nothing is done twice.`,
  CANCELLED: () => 'The request was cancelled.',
  UNAUTHENTICATED: (_, c) =>
    `The ${c.service} service does not accept this desktop's API key. Ask IT to check the configuration.`,
  PERMISSION_DENIED: (_, c) =>
    `This desktop's API key may not do this on the ${c.service} service. Ask IT for a key with the right role.`,
  NOT_FOUND: () => 'That record is not in the system. Refresh and try again.',
  FAILED_PRECONDITION: () => 'This is not possible in the current state. Refresh and try again.',
  RESOURCE_EXHAUSTED: () => 'The service is busy. Wait a moment and try again.',
  ABORTED: () => 'Nothing was changed because the record was busy. Try again.',
  UNIMPLEMENTED: (_, c) => `The ${c.service} service does not offer this yet.`,
};

const UNEXPECTED = (c: ErrorContext): string =>
  `The ${c.service} service ran into an unexpected problem. Try again; if it keeps happening, call IT.`;

function isGrpcError(error: unknown): error is { code: number } {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'number' &&
    'metadata' in error
  );
}

/** Any thrown value → the IpcError staff see. */
export function toIpcError(error: unknown, context: ErrorContext): IpcError {
  if (error instanceof DesktopError) {
    return { code: error.code, reason: error.reason, message: error.message, fieldViolations: [] };
  }
  if (!isGrpcError(error)) {
    return { code: 'INTERNAL', reason: null, message: UNEXPECTED(context), fieldViolations: [] };
  }
  const decoded = decodeServiceError(error);
  const code = GrpcStatus[decoded.code] ?? 'UNKNOWN';
  if (decoded.fieldViolations.length > 0) {
    const mapped = decoded.fieldViolations.map((v) => ({
      field: rendererField(v.field),
      description: v.description,
    }));
    return violationError(mapped);
  }
  const reason = decoded.reason ?? null;
  const sentence = (reason !== null ? REASONS[reason] : undefined) ?? CODES[code];
  return {
    code,
    reason,
    message: sentence ? sentence(decoded.metadata, context) : UNEXPECTED(context),
    fieldViolations: [],
  };
}
