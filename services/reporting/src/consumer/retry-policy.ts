/** How the consumer retries events that cannot be applied yet. */
export interface RetryPolicy {
  /** Deliveries of an event that keeps failing to apply before it is parked. */
  readonly maxApplyAttempts: number;
  /** How long an event may wait for a missing predecessor before it is parked. */
  readonly gapWaitMs: number;
}

/** Before the next try of an event that failed to apply: 250 ms, doubling, at most 5 s. */
export function retryDelayMs(deliveries: number): number {
  return Math.min(250 * 2 ** Math.min(Math.max(deliveries - 1, 0), 10), 5_000);
}

/**
 * Before an early event is offered again: 50 ms, doubling, at most 2 s. The missing event is
 * usually only a redelivery behind, so the first tries are quick.
 */
export function gapDelayMs(deliveries: number): number {
  return Math.min(50 * 2 ** Math.min(Math.max(deliveries - 1, 0), 10), 2_000);
}

/**
 * How long an early event has waited by its `deliveries`-th delivery, when each earlier
 * delivery was held for `holdMs` and then handed back with {@link gapDelayMs}.
 */
export function gapWaitedMs(deliveries: number, holdMs = 0): number {
  let waited = 0;
  for (let n = 1; n < deliveries; n++) waited += holdMs + gapDelayMs(n);
  return waited;
}

/** How long to hold an early event in memory: a moment, well within the wait and ack limits. */
export function holdMs(policy: RetryPolicy, ackWaitMs: number): number {
  return Math.max(10, Math.min(1_000, ackWaitMs / 2, policy.gapWaitMs / 4));
}
