import * as grpc from '@grpc/grpc-js';
import { type Any, BadRequest, ERROR_DOMAIN, ErrorInfo, RetryInfo, RpcStatus } from '@opd/api';
import type { FieldViolation } from './api-error.js';

const DETAILS_KEY = 'grpc-status-details-bin';
const ERROR_INFO_TYPE = 'type.googleapis.com/google.rpc.ErrorInfo';
const BAD_REQUEST_TYPE = 'type.googleapis.com/google.rpc.BadRequest';
const RETRY_INFO_TYPE = 'type.googleapis.com/google.rpc.RetryInfo';

/** A failed call as a client sees it, with the `google.rpc` details decoded. */
export interface DecodedServiceError {
  code: grpc.status;
  message: string;
  /** `ErrorInfo.reason` (without the ERROR_REASON_ prefix), when the server sent one. */
  reason?: string;
  metadata: Record<string, string>;
  fieldViolations: FieldViolation[];
  /** Details other than ErrorInfo and BadRequest, still packed (decode by `typeUrl`). */
  otherDetails: Any[];
  /** `RetryInfo.retry_delay` in milliseconds, when the server sent one. */
  retryAfterMs?: number;
}

interface StatusDetails {
  code: grpc.status;
  message: string;
  reason: string | undefined;
  metadata: Readonly<Record<string, string>>;
  fieldViolations: readonly FieldViolation[];
  /** Further details, sent after ErrorInfo and BadRequest. */
  details?: readonly Any[];
  retryAfterMs: number | undefined;
}

/** Encodes the `google.rpc.Status` sent in the `grpc-status-details-bin` trailer. */
export function encodeStatusDetails(status: StatusDetails): Buffer {
  const details: Any[] = [];
  if (status.reason !== undefined) {
    const info = ErrorInfo.encode({
      reason: status.reason,
      domain: ERROR_DOMAIN,
      metadata: { ...status.metadata },
    }).finish();
    details.push({ typeUrl: ERROR_INFO_TYPE, value: Buffer.from(info) });
  }
  if (status.fieldViolations.length > 0) {
    const badRequest = BadRequest.encode({
      fieldViolations: status.fieldViolations.map((v) => ({
        field: v.field,
        description: v.description,
        reason: '',
      })),
    }).finish();
    details.push({ typeUrl: BAD_REQUEST_TYPE, value: Buffer.from(badRequest) });
  }
  if (status.retryAfterMs !== undefined) {
    const ms = Math.max(0, Math.ceil(status.retryAfterMs));
    const retry = RetryInfo.encode({
      retryDelay: { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1_000_000 },
    }).finish();
    details.push({ typeUrl: RETRY_INFO_TYPE, value: Buffer.from(retry) });
  }
  details.push(...(status.details ?? []));
  const encoded = RpcStatus.encode({ code: status.code, message: status.message, details });
  return Buffer.from(encoded.finish());
}

function isServiceError(
  error: unknown,
): error is { code: number; details?: unknown; metadata?: unknown } {
  return (
    typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number'
  );
}

/**
 * Reads a failed call's status and its `grpc-status-details-bin` trailer (ErrorInfo,
 * BadRequest and RetryInfo), for clients and tests. Anything that is not a gRPC error decodes as
 * UNKNOWN with the error's text.
 */
export function decodeServiceError(error: unknown): DecodedServiceError {
  if (!isServiceError(error)) {
    return {
      code: grpc.status.UNKNOWN,
      message: String(error),
      metadata: {},
      fieldViolations: [],
      otherDetails: [],
    };
  }
  const decoded: DecodedServiceError = {
    code: error.code,
    message: typeof error.details === 'string' ? error.details : '',
    metadata: {},
    fieldViolations: [],
    otherDetails: [],
  };
  const [raw] = error.metadata instanceof grpc.Metadata ? error.metadata.get(DETAILS_KEY) : [];
  if (!Buffer.isBuffer(raw)) return decoded;

  const status = RpcStatus.decode(raw);
  if (status.message !== '') decoded.message = status.message;
  for (const detail of status.details) {
    if (detail.typeUrl === ERROR_INFO_TYPE) {
      const info = ErrorInfo.decode(detail.value);
      decoded.reason = info.reason;
      decoded.metadata = { ...info.metadata };
    } else if (detail.typeUrl === BAD_REQUEST_TYPE) {
      decoded.fieldViolations = BadRequest.decode(detail.value).fieldViolations.map((v) => ({
        field: v.field,
        description: v.description,
      }));
    } else if (detail.typeUrl === RETRY_INFO_TYPE) {
      const delay = RetryInfo.decode(detail.value).retryDelay;
      if (delay) decoded.retryAfterMs = delay.seconds * 1000 + Math.round(delay.nanos / 1e6);
    } else {
      decoded.otherDetails.push(detail);
    }
  }
  return decoded;
}
