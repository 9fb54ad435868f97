import type * as grpc from '@grpc/grpc-js';

/**
 * Milliseconds left before `deadline` (0 once it has passed); undefined when there is no
 * deadline.
 */
export function remainingMs(
  deadline: Date | undefined,
  now: number = Date.now(),
): number | undefined {
  if (deadline === undefined) return undefined;
  return Math.max(0, deadline.getTime() - now);
}

/**
 * Call options with a deadline `ms` from now; every client call should have one.
 *
 * @example client.getToken(request, metadata, withDeadline(2_000), callback)
 */
export function withDeadline(
  ms: number,
  options: Partial<grpc.CallOptions> = {},
  now: number = Date.now(),
): Partial<grpc.CallOptions> {
  return { ...options, deadline: new Date(now + ms) };
}

/** A grpc-js server call's deadline as a Date; undefined when the client set none. */
export function deadlineOf(call: { getDeadline(): grpc.Deadline }): Date | undefined {
  const deadline = call.getDeadline();
  if (deadline instanceof Date) return Number.isFinite(deadline.getTime()) ? deadline : undefined;
  return Number.isFinite(deadline) ? new Date(deadline) : undefined;
}
