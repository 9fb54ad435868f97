import type { DomainError } from '@opd/engine';
import { ApiError } from '@opd/service-runtime';

/** Where a refused operation happened, for the error's metadata. */
export interface ErrorScope {
  readonly doctorId?: string;
  readonly date?: string;
}

/** The one place engine refusals become gRPC statuses with a stable reason. */
export function toApiError(error: DomainError, scope: ErrorScope = {}): ApiError {
  const day = {
    ...(scope.doctorId ? { doctor_id: scope.doctorId } : {}),
    ...(scope.date ? { date: scope.date } : {}),
  };
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
        {
          reason: 'SLOT_NOT_FOUND',
          metadata: { slot_id: error.slotId },
        },
      );
    case 'NO_SESSION_ON_DATE':
      return new ApiError(
        'FAILED_PRECONDITION',
        'the doctor has no consultation session on this date',
        {
          reason: 'NO_SESSION_ON_DATE',
          metadata: day,
        },
      );
    case 'DOCTOR_DAY_OVER':
      return new ApiError('FAILED_PRECONDITION', "the doctor-day's last slot has ended", {
        reason: 'DOCTOR_DAY_OVER',
        metadata: day,
      });
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
  }
}
