import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from '@jest/globals';
import { BadRequest, ErrorInfo, ErrorReason, RpcStatus } from '@opd/api';
import { ApiError } from './api-error.js';

function trailerOf(error: ApiError): RpcStatus {
  const [raw] = error.toServiceError().metadata.get('grpc-status-details-bin');
  if (!Buffer.isBuffer(raw)) throw new Error('no grpc-status-details-bin trailer');
  return RpcStatus.decode(raw);
}

describe('ApiError', () => {
  it('lists every bad field in the message of an invalid argument', () => {
    const error = ApiError.invalidArgument([
      { field: 'patient_phone', description: 'must be a valid phone number' },
      { field: 'date', description: 'must be YYYY-MM-DD' },
    ]);

    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.reason).toBe('FIELD_VIOLATION');
    expect(error.message).toBe(
      'patient_phone: must be a valid phone number; date: must be YYYY-MM-DD',
    );
  });

  it('lets an ApiError through the normaliser unchanged', () => {
    const error = new ApiError('NOT_FOUND', 'no token has this id', { reason: 'TOKEN_NOT_FOUND' });

    expect(ApiError.from(error)).toBe(error);
  });

  it('turns anything else into INTERNAL and keeps it only as the cause', () => {
    const cause = new Error('password authentication failed for user "opd"');

    const error = ApiError.from(cause);

    expect(error.code).toBe('INTERNAL');
    expect(error.message).toBe('internal error');
    expect(error.cause).toBe(cause);
    const sent = error.toServiceError();
    expect(sent.details).toBe('internal error');
    expect(Buffer.from(trailerOf(error).message).toString()).not.toContain('password');
    expect(JSON.stringify(RpcStatus.toJSON(trailerOf(error)))).not.toContain('password');
  });

  it('unwraps an abort whose reason is an ApiError', () => {
    const reason = new ApiError('CANCELLED', 'the client cancelled the call');
    const abort = new Error('The operation was aborted', { cause: reason });
    abort.name = 'AbortError';

    expect(ApiError.from(abort)).toBe(reason);
  });

  it('accepts the ErrorReason enum and sends its name without the prefix', () => {
    const error = new ApiError('ALREADY_EXISTS', 'the patient already holds a token', {
      reason: ErrorReason.ERROR_REASON_PATIENT_ALREADY_HOLDS_TOKEN,
    });

    expect(error.reason).toBe('PATIENT_ALREADY_HOLDS_TOKEN');
  });

  it('sends the code, message, ErrorInfo and BadRequest in the details trailer', () => {
    const error = new ApiError('INVALID_ARGUMENT', 'date: must be YYYY-MM-DD', {
      reason: 'FIELD_VIOLATION',
      metadata: { doctor_id: 'd-1' },
      fieldViolations: [{ field: 'date', description: 'must be YYYY-MM-DD' }],
    });

    const sent = error.toServiceError();
    const status = trailerOf(error);

    expect(sent.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(sent.details).toBe('date: must be YYYY-MM-DD');
    expect(status.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(status.details.map((d) => d.typeUrl)).toEqual([
      'type.googleapis.com/google.rpc.ErrorInfo',
      'type.googleapis.com/google.rpc.BadRequest',
    ]);
    const [info, badRequest] = status.details;
    expect(ErrorInfo.decode(info?.value ?? Buffer.alloc(0))).toEqual({
      reason: 'FIELD_VIOLATION',
      domain: 'opd.v1',
      metadata: { doctor_id: 'd-1' },
    });
    expect(BadRequest.decode(badRequest?.value ?? Buffer.alloc(0)).fieldViolations).toEqual([
      { field: 'date', description: 'must be YYYY-MM-DD', reason: '' },
    ]);
  });

  it('sends no ErrorInfo when there is no reason', () => {
    expect(trailerOf(new ApiError('UNAVAILABLE', 'shutting down')).details).toEqual([]);
  });

  it('maps every code to the gRPC status of the same name', () => {
    const codes = ['NOT_FOUND', 'ABORTED', 'RESOURCE_EXHAUSTED', 'DEADLINE_EXCEEDED'] as const;
    for (const code of codes) expect(new ApiError(code, 'x').grpcCode).toBe(grpc.status[code]);
  });
});
