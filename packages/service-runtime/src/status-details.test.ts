import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from '@jest/globals';
import { ApiError } from './api-error.js';
import { decodeServiceError } from './status-details.js';

describe('decodeServiceError', () => {
  it('reads back what toServiceError sent', () => {
    const sent = new ApiError('NOT_FOUND', 'no token has this id', {
      reason: 'TOKEN_NOT_FOUND',
      metadata: { token_id: 't-1' },
    }).toServiceError();

    expect(decodeServiceError({ ...sent, message: `5 NOT_FOUND: ${sent.details}` })).toEqual({
      code: grpc.status.NOT_FOUND,
      message: 'no token has this id',
      reason: 'TOKEN_NOT_FOUND',
      metadata: { token_id: 't-1' },
      fieldViolations: [],
      otherDetails: [],
    });
  });

  it('falls back to the status alone when there is no details trailer', () => {
    const error = {
      code: grpc.status.UNAVAILABLE,
      details: 'No connection established',
      metadata: new grpc.Metadata(),
    };

    expect(decodeServiceError(error)).toEqual({
      code: grpc.status.UNAVAILABLE,
      message: 'No connection established',
      metadata: {},
      fieldViolations: [],
      otherDetails: [],
    });
  });

  it('calls anything that is not a gRPC error UNKNOWN', () => {
    expect(decodeServiceError(new Error('boom'))).toMatchObject({
      code: grpc.status.UNKNOWN,
      message: 'Error: boom',
    });
  });
});
