import * as grpc from '@grpc/grpc-js';
import { isDatabaseUnavailable } from './database-unavailable.js';
import { type Any, type ErrorReason, errorReasonName } from '@opd/api';
import { encodeStatusDetails } from './status-details.js';

/**
 * The closed set of gRPC status codes this project's services send. Anything else a
 * handler throws is normalised by {@link ApiError.from}: to UNAVAILABLE when the database is
 * away, to INTERNAL otherwise.
 */
export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'FAILED_PRECONDITION'
  | 'PERMISSION_DENIED'
  | 'UNAUTHENTICATED'
  | 'RESOURCE_EXHAUSTED'
  | 'ABORTED'
  | 'DEADLINE_EXCEEDED'
  | 'CANCELLED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

const GRPC_CODES: Readonly<Record<ErrorCode, grpc.status>> = {
  INVALID_ARGUMENT: grpc.status.INVALID_ARGUMENT,
  NOT_FOUND: grpc.status.NOT_FOUND,
  ALREADY_EXISTS: grpc.status.ALREADY_EXISTS,
  FAILED_PRECONDITION: grpc.status.FAILED_PRECONDITION,
  PERMISSION_DENIED: grpc.status.PERMISSION_DENIED,
  UNAUTHENTICATED: grpc.status.UNAUTHENTICATED,
  RESOURCE_EXHAUSTED: grpc.status.RESOURCE_EXHAUSTED,
  ABORTED: grpc.status.ABORTED,
  DEADLINE_EXCEEDED: grpc.status.DEADLINE_EXCEEDED,
  CANCELLED: grpc.status.CANCELLED,
  UNAVAILABLE: grpc.status.UNAVAILABLE,
  INTERNAL: grpc.status.INTERNAL,
};

/** One bad request field, by its path in the request (e.g. "patient_phone"). */
export interface FieldViolation {
  field: string;
  description: string;
}

export interface ApiErrorOptions {
  /**
   * The `google.rpc.ErrorInfo` reason: the wire name WITHOUT the `ERROR_REASON_` prefix
   * (e.g. 'TOKEN_NOT_FOUND'), or the `ErrorReason` enum value, which is converted.
   */
  reason?: string | ErrorReason | undefined;
  /** `ErrorInfo.metadata`: stable machine-readable facts, never patient data. */
  metadata?: Record<string, string> | undefined;
  /** Sent as a `google.rpc.BadRequest` detail. */
  fieldViolations?: readonly FieldViolation[] | undefined;
  /** Further details for the client, e.g. `opd.v1.DoctorDayAlternatives`, each as an Any. */
  details?: readonly Any[] | undefined;
  /** Sent as a `google.rpc.RetryInfo` detail: the client may retry after this long. */
  retryAfterMs?: number | undefined;
  /** What went wrong underneath: kept for the server's logs, never sent to the client. */
  cause?: unknown;
}

/** The shape `@grpc/grpc-js` accepts as a handler's error, with the details trailer set. */
export type ServiceErrorObject = Partial<grpc.StatusObject> & {
  code: grpc.status;
  details: string;
  metadata: grpc.Metadata;
};

/**
 * The one error type of the gRPC services: a code from a closed set, a message for
 * developers, and the `google.rpc` details clients switch on (reason, metadata, field
 * violations). Handlers throw it; the RPC wrappers send it with {@link toServiceError}.
 *
 * @example
 * throw new ApiError('NOT_FOUND', `no token has id ${id}`, {
 *   reason: 'TOKEN_NOT_FOUND',
 *   metadata: { token_id: id },
 * });
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ErrorCode;
  readonly reason: string | undefined;
  readonly metadata: Readonly<Record<string, string>>;
  readonly fieldViolations: readonly FieldViolation[];
  readonly details: readonly Any[];
  readonly retryAfterMs: number | undefined;

  constructor(code: ErrorCode, message: string, options: ApiErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.reason =
      typeof options.reason === 'number' ? errorReasonName(options.reason) : options.reason;
    this.metadata = { ...options.metadata };
    this.fieldViolations = [...(options.fieldViolations ?? [])];
    this.details = [...(options.details ?? [])];
    this.retryAfterMs = options.retryAfterMs;
  }

  /**
   * INVALID_ARGUMENT with reason FIELD_VIOLATION and a BadRequest listing every bad field.
   *
   * @example ApiError.invalidArgument([{ field: 'date', description: 'must be YYYY-MM-DD' }])
   *   // message 'date: must be YYYY-MM-DD'
   */
  static invalidArgument(violations: readonly FieldViolation[]): ApiError {
    const message =
      violations.length === 0
        ? 'invalid argument'
        : violations.map((v) => `${v.field}: ${v.description}`).join('; ');
    return new ApiError('INVALID_ARGUMENT', message, {
      reason: 'FIELD_VIOLATION',
      fieldViolations: violations,
    });
  }

  /**
   * The boundary normaliser: an ApiError passes through unchanged; an abort whose reason
   * is an ApiError (e.g. `ctx.signal` after a cancel or deadline) becomes that reason;
   * anything else becomes INTERNAL 'internal error' with the original kept as `cause`
   * (for logs only: its message never reaches the client).
   */
  static from(error: unknown): ApiError {
    if (error instanceof ApiError) return error;
    if (error instanceof Error && error.name === 'AbortError' && error.cause instanceof ApiError) {
      return error.cause;
    }
    if (isDatabaseUnavailable(error) || isDatabaseUnavailable(causeOf(error))) {
      return new ApiError('UNAVAILABLE', 'the database is unavailable; retry shortly', {
        cause: error,
      });
    }
    return new ApiError('INTERNAL', 'internal error', { cause: error });
  }

  /** The gRPC status code this error is sent with. */
  get grpcCode(): grpc.status {
    return GRPC_CODES[this.code];
  }

  /**
   * The error as `@grpc/grpc-js` sends it: status code, message, and the
   * `grpc-status-details-bin` trailer holding a `google.rpc.Status` with ErrorInfo (when
   * there is a reason), BadRequest (when there are field violations) and RetryInfo (when a
   * retry delay is known). The cause is
   * never included.
   */
  toServiceError(): ServiceErrorObject {
    const metadata = new grpc.Metadata();
    metadata.set(
      'grpc-status-details-bin',
      encodeStatusDetails({
        code: this.grpcCode,
        message: this.message,
        reason: this.reason,
        metadata: this.metadata,
        fieldViolations: this.fieldViolations,
        details: this.details,
        retryAfterMs: this.retryAfterMs,
      }),
    );
    return { code: this.grpcCode, details: this.message, metadata };
  }
}

function causeOf(error: unknown): unknown {
  return error instanceof Error ? error.cause : undefined;
}
