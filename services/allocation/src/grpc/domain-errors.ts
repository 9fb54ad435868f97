import { DOCTOR_DAY_ALTERNATIVES_TYPE, DoctorDayAlternatives } from '@opd/api';
import type { UndoRefusalReason } from '@opd/engine';
import { ApiError } from '@opd/service-runtime';
import { MOVE_METHODS } from './roles.js';
import type { AuditOutcome } from '../commands/audit.js';
import { Refusal, type Alternative, type RefusalScope } from '../commands/refusal.js';

const UNDO_REFUSALS: Readonly<Record<UndoRefusalReason, string>> = {
  NOTHING_TO_UNDO: 'the token has no move to undo',
  WINDOW_PASSED: 'the undo window has passed',
  ALREADY_UNDONE: 'an undo is not undone',
  PLACE_TAKEN: "the token's place has been taken meanwhile",
  PATIENT_HOLDS_ANOTHER: 'the patient holds another token or waits on this doctor-day',
  SLOT_ENDED: "the token's slot has ended",
  OUTRANKED: 'a more urgent patient is waiting for this place',
  ANOTHER_CALLED: 'another patient is called in the room',
};

/** The one place refusals become gRPC statuses with a stable reason and details. */
export function toApiError(refusal: Refusal): ApiError {
  const { reason: error, scope } = refusal;
  const day = dayMetadata(scope);
  switch (error.code) {
    case 'PATIENT_ALREADY_HOLDS_TOKEN':
      return new ApiError(
        'ALREADY_EXISTS',
        `the patient already holds token ${error.tokenNumber} for this doctor-day`,
        {
          reason: 'PATIENT_ALREADY_HOLDS_TOKEN',
          metadata: { token_id: error.tokenId, token_number: String(error.tokenNumber) },
        },
      );
    case 'PATIENT_ALREADY_WAITING':
      return new ApiError(
        'ALREADY_EXISTS',
        `the patient is already on this doctor-day's waitlist at position ${error.position}`,
        {
          reason: 'PATIENT_ALREADY_HOLDS_TOKEN',
          metadata: { waitlist_entry_id: error.waitlistEntryId, position: String(error.position) },
        },
      );
    case 'TOKEN_NOT_FOUND':
      return new ApiError('NOT_FOUND', `no token has id ${error.tokenId}`, {
        reason: 'TOKEN_NOT_FOUND',
        metadata: { token_id: error.tokenId },
      });
    case 'WAITLIST_ENTRY_NOT_FOUND':
      return new ApiError('NOT_FOUND', `no waitlist entry has id ${error.waitlistEntryId}`, {
        reason: 'WAITLIST_ENTRY_NOT_FOUND',
        metadata: { waitlist_entry_id: error.waitlistEntryId },
      });
    case 'SLOT_NOT_FOUND':
      return new ApiError(
        'NOT_FOUND',
        `preferred_slot_id ${error.slotId} is not a slot of this doctor-day`,
        { reason: 'SLOT_NOT_FOUND', metadata: { slot_id: error.slotId } },
      );
    case 'DOCTOR_NOT_FOUND':
      return new ApiError('NOT_FOUND', `no doctor has id ${error.doctorId}`, {
        reason: 'DOCTOR_NOT_FOUND',
        metadata: { doctor_id: error.doctorId },
      });
    case 'PATIENT_NOT_FOUND':
      return new ApiError('NOT_FOUND', 'no such patient is registered', {
        reason: 'PATIENT_NOT_FOUND',
      });
    case 'SCHEDULE_OVERRIDE_NOT_FOUND':
      return new ApiError('NOT_FOUND', `the doctor has no schedule override on ${error.date}`, {
        reason: 'SCHEDULE_OVERRIDE_NOT_FOUND',
        metadata: { doctor_id: error.doctorId, date: error.date },
      });
    case 'DOCTOR_INACTIVE':
      return new ApiError(
        'FAILED_PRECONDITION',
        'the doctor is inactive and takes no new requests',
        {
          reason: 'DOCTOR_INACTIVE',
          metadata: { doctor_id: error.doctorId },
        },
      );
    case 'NO_SESSION_ON_DATE':
      return new ApiError(
        'FAILED_PRECONDITION',
        'the doctor has no consultation session on this date',
        { reason: 'NO_SESSION_ON_DATE', metadata: day },
      );
    case 'DOCTOR_DAY_OVER':
      return new ApiError('FAILED_PRECONDITION', "the doctor-day's last slot has ended", {
        reason: 'DOCTOR_DAY_OVER',
        metadata: day,
      });
    case 'DOCTOR_DAY_FULL':
      return doctorDayFull(error.waiting, error.bound, scope);
    case 'INVALID_TRANSITION':
      return new ApiError('FAILED_PRECONDITION', `cannot move from ${error.from} to ${error.to}`, {
        reason: 'INVALID_TRANSITION',
        metadata: {
          current_status: `${error.subject === 'TOKEN' ? 'TOKEN_STATUS' : 'WAITLIST_ENTRY_STATUS'}_${error.from}`,
          action: error.to,
        },
      });
    case 'GRACE_PERIOD_NOT_OVER': {
      const at = new Date(error.allowedFrom).toISOString();
      return new ApiError('FAILED_PRECONDITION', `a no-show can be marked from ${at}`, {
        reason: 'GRACE_PERIOD_NOT_OVER',
        metadata: { no_show_allowed_after: at },
      });
    }
    case 'CHECK_IN_NOT_OPEN': {
      const at = new Date(error.opensAt).toISOString();
      return new ApiError('FAILED_PRECONDITION', `check-in for this doctor-day opens at ${at}`, {
        reason: 'CHECK_IN_NOT_OPEN',
        metadata: { check_in_opens_at: at },
      });
    }
    case 'SCHEDULE_CHANGE_DISPLACES_TOKENS':
      return new ApiError(
        'FAILED_PRECONDITION',
        `the ${error.slotLocalStart} slot holds ${error.heldTokens} tokens; the change would leave room for ${error.newCapacity}. Cancel or move them first`,
        {
          reason: 'SCHEDULE_CHANGE_DISPLACES_TOKENS',
          metadata: {
            ...day,
            slot_local_start: error.slotLocalStart,
            occupancy: String(error.heldTokens),
            new_capacity: String(error.newCapacity),
          },
        },
      );
    case 'IDEMPOTENCY_KEY_REUSED':
      return new ApiError(
        'FAILED_PRECONDITION',
        `request_id ${error.requestId} was already used for a different request`,
        { reason: 'IDEMPOTENCY_KEY_REUSED', metadata: { request_id: error.requestId } },
      );
    case 'CONCURRENT_UPDATE':
      return new ApiError('ABORTED', 'the doctor-day stayed busy; retry with the same request_id', {
        reason: 'CONCURRENT_UPDATE',
      });
    case 'OUT_OF_TIME':
      return new ApiError('DEADLINE_EXCEEDED', 'the database work ran out of time');
    case 'TOKEN_ALREADY_CALLED':
      return new ApiError(
        'FAILED_PRECONDITION',
        `token ${error.tokenNumber} is called already: complete, skip or undo it first`,
        {
          reason: 'TOKEN_ALREADY_CALLED',
          metadata: { token_id: error.tokenId, token_number: String(error.tokenNumber) },
        },
      );
    case 'TOKEN_NOT_CALLED':
      return new ApiError(
        'FAILED_PRECONDITION',
        'only the called token can be recalled or skipped',
        {
          reason: 'TOKEN_NOT_CALLED',
          metadata: { current_status: `TOKEN_STATUS_${error.status}` },
        },
      );
    case 'ROOM_CLOSED': {
      const opens = new Date(error.opensAt).toISOString();
      const closes = new Date(error.closesAt).toISOString();
      return new ApiError('FAILED_PRECONDITION', `the room works from ${opens} to ${closes}`, {
        reason: 'ROOM_CLOSED',
        metadata: { ...day, room_opens_at: opens, room_closes_at: closes },
      });
    }
    case 'TRANSFER_REASON_REQUIRED':
      return ApiError.invalidArgument([
        { field: 'reason', description: 'is required: why the patient goes to another doctor' },
      ]);
    case 'TRANSFER_TARGET_INVALID':
      return ApiError.invalidArgument([
        {
          field: 'target_doctor_id',
          description:
            error.reason === 'SAME_DOCTOR'
              ? "must be another doctor than the token's own"
              : "must be a doctor consulting on the token's date",
        },
      ]);
    case 'TRANSFER_TARGET_FULL':
      return new ApiError(
        'FAILED_PRECONDITION',
        "the other doctor's day has no place and nobody less urgent to make way",
        { reason: 'TRANSFER_TARGET_FULL', metadata: day },
      );
    case 'UNDO_REFUSED':
      return new ApiError('FAILED_PRECONDITION', UNDO_REFUSALS[error.reason], {
        reason: 'UNDO_REFUSED',
        metadata: { token_id: error.tokenId, why: error.reason },
      });
    case 'MOVE_NOT_ALLOWED':
      return new ApiError(
        'PERMISSION_DENIED',
        `role '${error.role}' may not undo ${error.move}: only a role that may make a move takes it back`,
        {
          reason: 'ROLE_NOT_ALLOWED',
          metadata: { role: error.role, method: MOVE_METHODS[error.move] },
        },
      );
  }
}

function doctorDayFull(waiting: number, bound: number, scope: RefusalScope): ApiError {
  const alternatives = scope.alternatives ?? [];
  const offer = alternatives.length
    ? `; room with ${alternatives.map(describe).join(', ')}`
    : '; no other doctor-day has room within the booking horizon';
  return new ApiError(
    'FAILED_PRECONDITION',
    `the doctor-day is full and ${waiting} patients already wait (the most it takes)${offer}`,
    {
      reason: 'DOCTOR_DAY_FULL',
      metadata: { ...dayMetadata(scope), waiting: String(waiting), waitlist_bound: String(bound) },
      details: [
        {
          typeUrl: DOCTOR_DAY_ALTERNATIVES_TYPE,
          value: Buffer.from(
            DoctorDayAlternatives.encode({
              alternatives: alternatives.map((a) => ({
                doctorId: a.doctorId,
                doctorDisplayName: a.doctorName,
                department: a.department,
                date: a.date,
                freePlaces: a.freePlaces,
                firstFreeTime: a.firstFreeTime,
              })),
            }).finish(),
          ),
        },
      ],
    },
  );
}

const describe = (a: Alternative): string => `${a.doctorName} on ${a.date} from ${a.firstFreeTime}`;

function dayMetadata(scope: RefusalScope): Record<string, string> {
  return {
    ...(scope.doctorId ? { doctor_id: scope.doctorId } : {}),
    ...(scope.date ? { date: scope.date } : {}),
  };
}

/** Any failure as the caller hears it: refusals by their mapping, the rest normalised. */
export function asApiError(error: unknown): ApiError {
  return error instanceof Refusal ? toApiError(error) : ApiError.from(error);
}

/** The status code and reason the audit trail records for a failed request. */
export function describeFailure(error: unknown): AuditOutcome {
  const apiError = asApiError(error);
  return { code: apiError.grpcCode, reason: apiError.reason ?? '', replayed: false };
}
