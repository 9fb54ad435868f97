// What the client saw: every operation with its request_id, its request, and every attempt's
// outcome. The checks compare this with the databases and the event stream.
import { status as grpcStatus } from '@grpc/grpc-js';
import type { CallerRole } from './clients.js';
import type { Operation } from './operations.js';

/**
 * ok: the answer arrived. refused: a definite "no" (nothing was changed). indefinite: the
 * client cannot know whether the change happened (UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED,
 * ABORTED, INTERNAL, …); only a retry with the same request_id can tell.
 */
export type Outcome = 'ok' | 'refused' | 'indefinite';

/** Why an attempt was made. */
export type Phase = 'load' | 'duplicate' | 'retry' | 'replay' | 'final';

const DEFINITE: ReadonlySet<number> = new Set([
  grpcStatus.INVALID_ARGUMENT,
  grpcStatus.NOT_FOUND,
  grpcStatus.ALREADY_EXISTS,
  grpcStatus.FAILED_PRECONDITION,
  grpcStatus.PERMISSION_DENIED,
  grpcStatus.UNAUTHENTICATED,
  grpcStatus.OUT_OF_RANGE,
  grpcStatus.UNIMPLEMENTED,
]);

export function outcomeOf(code: number): Outcome {
  if (code === grpcStatus.OK) return 'ok';
  return DEFINITE.has(code) ? 'refused' : 'indefinite';
}

/** UNAVAILABLE for 14, as @grpc/grpc-js names it. */
export const codeName = (code: number): string => grpcStatus[code] ?? `CODE_${code}`;

export interface Attempt {
  readonly phase: Phase;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly deadlineMs: number;
  readonly outcome: Outcome;
  readonly code: number;
  /** ErrorInfo.reason of a refusal, e.g. PATIENT_ALREADY_HOLDS_TOKEN. */
  readonly reason?: string;
  /** The encoded response message of an ok attempt. */
  readonly answer?: Uint8Array;
}

export interface OperationRecord {
  readonly seq: number;
  readonly requestId: string;
  readonly caller: CallerRole;
  readonly operation: Operation;
  readonly attempts: Attempt[];
}

export class Journal {
  readonly #records: OperationRecord[] = [];

  add(requestId: string, caller: CallerRole, operation: Operation): OperationRecord {
    const record = { seq: this.#records.length, requestId, caller, operation, attempts: [] };
    this.#records.push(record);
    return record;
  }

  get records(): readonly OperationRecord[] {
    return this.#records;
  }
}

/** What the client knew at the end of the load, before the final retries. */
export function loadOutcome(record: OperationRecord): Outcome {
  const seen = record.attempts.filter((a) => a.phase !== 'final');
  if (seen.some((a) => a.outcome === 'ok')) return 'ok';
  if (seen.some((a) => a.outcome === 'indefinite')) return 'indefinite';
  return 'refused';
}
