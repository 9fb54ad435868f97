import type { TokenAllocated } from '@opd/api';
import { required } from './day-reducer.js';
import { sourceName, type StatusName } from './names.js';
import { ProjectionError } from './projection-error.js';
import type { DoctorDayRow, TokenRow } from './rows.js';

/**
 * A token just issued into a slot, by a request, by promotion from the waitlist or by a
 * transfer from another doctor (then it may be issued already checked in).
 */
export function allocatedToken(
  day: DoctorDayRow,
  allocated: TokenAllocated,
  field: string,
  promoted: boolean,
): TokenRow {
  const source = sourceName(allocated.source);
  if (source === undefined) throw new ProjectionError(`${field}.source is not a known source`);
  if (!Number.isInteger(allocated.tokenNumber) || allocated.tokenNumber < 1) {
    throw new ProjectionError(`${field}.token_number must be 1 or more`);
  }
  return {
    tokenId: allocated.tokenId,
    doctorDayId: day.doctorDayId,
    doctorId: day.doctorId,
    date: day.date,
    tokenNumber: allocated.tokenNumber,
    doctorDisplayName: day.doctorDisplayName,
    department: day.department,
    patientId: allocated.patientId,
    slotId: allocated.slotId,
    slotStartTime: allocated.slotStartTime ?? null,
    source,
    priority: allocated.priority,
    status: allocated.checkInTime ? 'CHECKED_IN' : 'ALLOCATED',
    requestTime: required(allocated.requestTime, `${field}.request_time`),
    allocateTime: required(allocated.allocateTime, `${field}.allocate_time`),
    checkInTime: allocated.checkInTime ?? null,
    completeTime: null,
    cancelTime: null,
    noShowTime: null,
    preemptTime: null,
    preempted: false,
    promoted: promoted || allocated.promotedFromWaitlistEntryId !== '',
    callTime: null,
    skipCount: 0,
    recallCount: 0,
    transferTime: null,
    transferredFromTokenId: allocated.transferredFromTokenId || null,
    transferredToTokenId: null,
    completedFromCall: false,
  };
}

/** Which moment each status change stamps on the token. */
const STAMPS = {
  CHECKED_IN: 'checkInTime',
  CALLED: 'callTime',
  COMPLETED: 'completeTime',
  CANCELLED: 'cancelTime',
  NO_SHOW: 'noShowTime',
  PREEMPTED: 'preemptTime',
  TRANSFERRED: 'transferTime',
} as const satisfies Partial<Record<StatusName, keyof TokenRow>>;

/**
 * The token after a status change at `at`. The allocation service decided the change is
 * allowed; the read model records it as it happened rather than judging it again. A
 * completion remembers whether it ended a call (what the consultation figures count).
 */
export function movedToken(
  token: TokenRow,
  status: keyof typeof STAMPS,
  at: Date | undefined,
  field: string,
): TokenRow {
  return {
    ...token,
    status,
    [STAMPS[status]]: required(at, field),
    ...(status === 'PREEMPTED' ? { preempted: true } : {}),
    ...(status === 'COMPLETED' ? { completedFromCall: token.status === 'CALLED' } : {}),
  };
}
