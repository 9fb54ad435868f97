import type { Instant, TokenStatus, WaitlistStatus } from './types.js';

/** Why an undo was refused, so the counter can say what stands in the way. */
export type UndoRefusalReason =
  | 'NOTHING_TO_UNDO'
  | 'WINDOW_PASSED'
  | 'ALREADY_UNDONE'
  | 'PLACE_TAKEN'
  | 'PATIENT_HOLDS_ANOTHER'
  | 'SLOT_ENDED'
  | 'OUTRANKED'
  | 'ANOTHER_CALLED';

/**
 * Every way an operation can be refused. The services map `code` to a gRPC status once, in one
 * place; the extra fields tell the counter what to say to the patient.
 */
export type DomainError =
  | {
      readonly code: 'PATIENT_ALREADY_HOLDS_TOKEN';
      readonly tokenId: string;
      readonly tokenNumber: number;
    }
  | {
      readonly code: 'PATIENT_ALREADY_WAITING';
      readonly waitlistEntryId: string;
      readonly position: number;
    }
  | { readonly code: 'TOKEN_NOT_FOUND'; readonly tokenId: string }
  | { readonly code: 'WAITLIST_ENTRY_NOT_FOUND'; readonly waitlistEntryId: string }
  | { readonly code: 'SLOT_NOT_FOUND'; readonly slotId: string }
  | { readonly code: 'NO_SESSION_ON_DATE' }
  | { readonly code: 'DOCTOR_DAY_OVER' }
  | {
      /** Every live slot is full, nobody can be displaced, and the waitlist is at its bound. */
      readonly code: 'DOCTOR_DAY_FULL';
      readonly waiting: number;
      readonly bound: number;
    }
  | {
      readonly code: 'INVALID_TRANSITION';
      readonly subject: 'TOKEN';
      readonly from: TokenStatus;
      readonly to: TokenStatus;
    }
  | {
      readonly code: 'INVALID_TRANSITION';
      readonly subject: 'WAITLIST_ENTRY';
      readonly from: WaitlistStatus;
      readonly to: WaitlistStatus;
    }
  | { readonly code: 'GRACE_PERIOD_NOT_OVER'; readonly allowedFrom: Instant }
  | { readonly code: 'CHECK_IN_NOT_OPEN'; readonly opensAt: Instant }
  | {
      readonly code: 'SCHEDULE_CHANGE_DISPLACES_TOKENS';
      readonly slotLocalStart: string;
      readonly heldTokens: number;
      readonly newCapacity: number;
    }
  | {
      /** The room calls one patient at a time: complete, skip or undo the called one first. */
      readonly code: 'TOKEN_ALREADY_CALLED';
      readonly tokenId: string;
      readonly tokenNumber: number;
    }
  | { readonly code: 'TOKEN_NOT_CALLED'; readonly tokenId: string; readonly status: TokenStatus }
  | {
      /** Room operations run from local midnight starting the day to the one ending it. */
      readonly code: 'ROOM_CLOSED';
      readonly opensAt: Instant;
      readonly closesAt: Instant;
    }
  | { readonly code: 'TRANSFER_REASON_REQUIRED' }
  | {
      /** A transfer goes to another doctor on the same date. */
      readonly code: 'TRANSFER_TARGET_INVALID';
      readonly reason: 'SAME_DOCTOR' | 'OTHER_DATE';
    }
  | {
      /** The target day has no room and nobody less urgent to make way. */
      readonly code: 'TRANSFER_TARGET_FULL';
      readonly doctorDayId: string;
    }
  | { readonly code: 'UNDO_REFUSED'; readonly tokenId: string; readonly reason: UndoRefusalReason };

export type DomainErrorCode = DomainError['code'];

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DomainError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T>(error: DomainError): Result<T> => ({ ok: false, error });

/** Thrown only when a rule of the engine itself was broken: a bug, never a refused request. */
export class InvariantViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvariantViolation';
  }
}
