// Assertions on refused calls, for every service's e2e tests: code, reason and named fields.
// Plain node:assert, so the testing helpers also load outside jest (benchmarks, scripts).
import assert from 'node:assert/strict';
import type * as grpc from '@grpc/grpc-js';
import { decodeServiceError, type DecodedServiceError } from '../status-details.js';

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
  assert.deepEqual(
    { code: status.code, reason: status.reason },
    { code, reason: reason ?? status.reason },
  );
  if (field) {
    const fields = status.fieldViolations.map((v) => v.field);
    assert.ok(fields.includes(field), `expected a violation on ${field}, got ${fields.join(', ')}`);
  }
  return status;
}
