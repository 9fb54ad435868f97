import { expect } from '@jest/globals';
import type * as grpc from '@grpc/grpc-js';
import { decodeServiceError, type DecodedServiceError } from '@opd/service-runtime';

/** Awaits a call that must fail and returns its decoded status (code, reason, field violations). */
export async function refusal(call: Promise<unknown>): Promise<DecodedServiceError> {
  try {
    await call;
  } catch (error) {
    return decodeServiceError(error);
  }
  throw new Error('expected the call to be refused, but it succeeded');
}

/** Asserts the call fails with `code` (and `reason`, and a violation on `field`, if given). */
export async function expectRefused(
  call: Promise<unknown>,
  code: grpc.status,
  reason?: string,
  field?: string,
): Promise<DecodedServiceError> {
  const status = await refusal(call);
  expect({ code: status.code, reason: status.reason }).toEqual({
    code,
    reason: reason ?? status.reason,
  });
  if (field) expect(status.fieldViolations.map((v) => v.field)).toContain(field);
  return status;
}
