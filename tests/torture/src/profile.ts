// How big and how long a run is. The short run is part of `npm test`; the full run is
// `npm run torture`, a few minutes and thousands of operations.

export interface RunProfile {
  readonly name: 'short' | 'full';
  /** Doctors, each with today and `futureDays` later days in play. */
  readonly doctors: number;
  readonly futureDays: number;
  /** Every doctor works every day, one session of `slotMinutes` slots of `capacityPerSlot`. */
  readonly session: { readonly start: string; readonly end: string };
  readonly slotMinutes: number;
  readonly capacityPerSlot: number;
  readonly patients: number;
  /** Operations in flight at once (each worker waits for its answer). */
  readonly workers: number;
  /** The usual deadline of a call, and the short one some calls get on purpose. */
  readonly deadlineMs: number;
  readonly tightDeadlineMs: number;
  /** Minutes after slot start (or issue) before a no-show: small, so no-shows happen in a run. */
  readonly noShowGraceMinutes: number;
  /** The sweeper's pace: slow enough that the counter's own MarkNoShow sometimes comes first. */
  readonly sweepIntervalMs: number;
  readonly sampleEveryMs: number;
  /** Load before the first fault, between faults, and after the last. */
  readonly loadBetweenFaultsMs: number;
  /** How long each fault keeps its victim down. */
  readonly natsDownMs: number;
  readonly postgresDownMs: number;
  readonly reportingDownMs: number;
  /** After kill -9 of allocation, before it is started again. */
  readonly allocationDownMs: number;
  /** How long the end may take to settle (outbox drained, reporting caught up). */
  readonly settleTimeoutMs: number;
}

export const SHORT: RunProfile = {
  name: 'short',
  doctors: 3,
  futureDays: 1,
  session: { start: '07:00', end: '21:00' },
  slotMinutes: 60,
  capacityPerSlot: 2,
  patients: 150,
  workers: 12,
  deadlineMs: 2_000,
  tightDeadlineMs: 250,
  noShowGraceMinutes: 0,
  sweepIntervalMs: 2_000,
  sampleEveryMs: 250,
  loadBetweenFaultsMs: 2_500,
  natsDownMs: 5_000,
  postgresDownMs: 2_000,
  reportingDownMs: 2_000,
  allocationDownMs: 500,
  settleTimeoutMs: 60_000,
};

export const FULL: RunProfile = {
  name: 'full',
  doctors: 6,
  futureDays: 2,
  session: { start: '07:00', end: '21:00' },
  slotMinutes: 60,
  capacityPerSlot: 2,
  patients: 600,
  workers: 32,
  deadlineMs: 2_000,
  tightDeadlineMs: 250,
  noShowGraceMinutes: 0,
  sweepIntervalMs: 10_000,
  sampleEveryMs: 500,
  loadBetweenFaultsMs: 30_000,
  natsDownMs: 30_000,
  postgresDownMs: 5_000,
  reportingDownMs: 5_000,
  allocationDownMs: 2_000,
  settleTimeoutMs: 180_000,
};
