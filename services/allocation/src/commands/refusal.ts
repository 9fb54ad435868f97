import type { DomainError, TokenMove } from '@opd/engine';
import type { Role } from '@opd/service-runtime';

/** Another doctor-day with room, offered when the requested one is full. */
export interface Alternative {
  readonly doctorId: string;
  readonly doctorName: string;
  readonly department: string;
  readonly date: string;
  /** Places still free in the day's live slots. */
  readonly freePlaces: number;
  /** Local `HH:MM` of the earliest live slot with room. */
  readonly firstFreeTime: string;
}

/** Refusals that come from the service around the engine rather than from its rules. */
export type ServiceRefusal =
  | { readonly code: 'DOCTOR_NOT_FOUND'; readonly doctorId: string }
  | { readonly code: 'DOCTOR_INACTIVE'; readonly doctorId: string }
  | { readonly code: 'PATIENT_NOT_FOUND' }
  | {
      readonly code: 'SCHEDULE_OVERRIDE_NOT_FOUND';
      readonly doctorId: string;
      readonly date: string;
    }
  | { readonly code: 'IDEMPOTENCY_KEY_REUSED'; readonly requestId: string }
  /** The doctor-day stayed locked by others through every retry. */
  | { readonly code: 'CONCURRENT_UPDATE' }
  /** The caller's deadline ran out inside the database. */
  | { readonly code: 'OUT_OF_TIME' }
  /** An undo of a move the caller's role may not make (ADR 0008). */
  | {
      readonly code: 'MOVE_NOT_ALLOWED';
      readonly move: TokenMove;
      readonly role: Role | 'system';
    };

export type RefusalReason = DomainError | ServiceRefusal;

/** Where the refused request was aimed, for the answer's metadata. */
export interface RefusalScope {
  readonly doctorId?: string;
  readonly date?: string;
  /** For DOCTOR_DAY_FULL: where there is room instead. */
  readonly alternatives?: readonly Alternative[];
}

/**
 * A request the domain refuses. Commands and queries raise it; only `grpc/` turns it into a
 * status code and error details. It changes nothing: a refused request leaves no state behind.
 */
export class Refusal extends Error {
  constructor(
    readonly reason: RefusalReason,
    readonly scope: RefusalScope = {},
  ) {
    super(reason.code);
    this.name = 'Refusal';
  }
}
