import * as grpc from '@grpc/grpc-js';
import { decodeServiceError } from '@opd/service-runtime';

/** Why a simulated call did not happen, as the summary counts it. */
export type Refusal =
  | { readonly kind: 'already-held' }
  | { readonly kind: 'too-early' }
  | { readonly kind: 'overtaken' }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'fatal' }
  | { readonly kind: 'error' };

/**
 * Sorts a refusal: expected ones are counted (a no-show before the grace period, an action
 * overtaken by the sweeper), an unreachable service or a wrong key stops the run.
 */
export function classifyRefusal(error: unknown): Refusal {
  const { code, reason } = decodeServiceError(error);
  if (code === grpc.status.ALREADY_EXISTS) return { kind: 'already-held' };
  if (reason === 'GRACE_PERIOD_NOT_OVER') return { kind: 'too-early' };
  if (reason === 'INVALID_TRANSITION') return { kind: 'overtaken' };
  if (code === grpc.status.FAILED_PRECONDITION) {
    return { kind: 'refused', reason: reason ?? 'FAILED_PRECONDITION' };
  }
  if (
    code === grpc.status.UNAVAILABLE ||
    code === grpc.status.UNAUTHENTICATED ||
    code === grpc.status.PERMISSION_DENIED
  ) {
    return { kind: 'fatal' };
  }
  return { kind: 'error' };
}
