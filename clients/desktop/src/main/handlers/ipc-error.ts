// The boundary normaliser: anything a handler throws becomes an IpcError — a gRPC status name,
// the ErrorInfo reason and metadata, and an English sentence. The renderer translates by the
// reason (its language files hold the sentences); the English sentence is the service's own, or
// the desktop's when no service answered. Causes and stacks never cross IPC.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { doctorDayAlternativesIn } from '@opd/api';
import { decodeServiceError } from '@opd/service-runtime';
import { violationError } from '../../shared/error-text.js';
import type { IpcError } from '../../shared/ipc-contract.js';

export type ServiceName = 'allocation' | 'reporting';

export interface ErrorContext {
  readonly service: ServiceName;
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

type Sentence = (context: ErrorContext) => string;

const CODES: Readonly<Record<string, Sentence>> = {
  UNAVAILABLE: (c) =>
    `The ${c.service} service cannot be reached. Check the network; the desktop keeps trying.`,
  DEADLINE_EXCEEDED: (c) =>
    `The ${c.service} service did not answer in time. Try again: nothing is done twice.`,
  CANCELLED: () => 'The request was cancelled.',
  UNAUTHENTICATED: (c) =>
    `The ${c.service} service does not accept this desktop's API key. Ask IT to check the configuration.`,
  PERMISSION_DENIED: (c) =>
    `This desktop's API key may not do this on the ${c.service} service. Ask IT for a key with the right role.`,
  NOT_FOUND: () => 'That record is not in the system. Refresh and try again.',
  FAILED_PRECONDITION: () => 'This is not possible in the current state. Refresh and try again.',
  RESOURCE_EXHAUSTED: () => 'The service is busy. Wait a moment and try again.',
  ABORTED: () => 'Nothing was changed because the record was busy. Try again.',
  UNIMPLEMENTED: (c) => `The ${c.service} service does not offer this yet.`,
};

/** Codes whose text may carry internals: staff get the desktop's sentence instead. */
const INTERNAL_CODES = new Set(['INTERNAL', 'UNKNOWN', 'DATA_LOSS']);

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
  const plain = { metadata: {}, service: null, fieldViolations: [] };
  if (error instanceof DesktopError) {
    return { ...plain, code: error.code, reason: error.reason, message: error.message };
  }
  if (!isGrpcError(error)) {
    return { ...plain, code: 'INTERNAL', reason: null, message: UNEXPECTED(context) };
  }
  const decoded = decodeServiceError(error);
  const code = GrpcStatus[decoded.code] ?? 'UNKNOWN';
  if (decoded.fieldViolations.length > 0) {
    const mapped = decoded.fieldViolations.map((v) => ({
      field: rendererField(v.field),
      description: v.description,
    }));
    return violationError(mapped, context.service);
  }
  const reason = decoded.reason ?? null;
  const fromService = reason !== null && !INTERNAL_CODES.has(code) ? decoded.message : '';
  const ours = CODES[code];
  const alternatives = doctorDayAlternativesIn(decoded.otherDetails).map((a) => ({
    doctorId: a.doctorId,
    doctorName: a.doctorDisplayName,
    department: a.department,
    date: a.date,
    freePlaces: a.freePlaces,
    firstFreeTime: a.firstFreeTime,
  }));
  return {
    code,
    reason,
    message: fromService || (ours ? ours(context) : UNEXPECTED(context)),
    metadata: decoded.metadata,
    service: context.service,
    fieldViolations: [],
    ...(alternatives.length > 0 ? { alternatives } : {}),
  };
}
