// How big and how long a run is. The short run is part of `npm test`; the full run is
// `npm run torture`, a few minutes and thousands of operations. Either runs on one PostgreSQL,
// one NATS server and one instance of each service, or (--cluster) on a primary with a standby,
// a three-node NATS cluster and two instances of each service, with the cluster's own faults.

export type Topology = 'single' | 'cluster';

export interface RunProfile {
  readonly name: 'short' | 'full' | 'cluster short' | 'cluster full';
  readonly topology: Topology;
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
  /** How long each fault keeps its victim down (in the cluster run: the stream's leader). */
  readonly natsDownMs: number;
  /** Down before it starts again; in the cluster run, before the standby is promoted. */
  readonly postgresDownMs: number;
  readonly reportingDownMs: number;
  /** After kill -9 of allocation, before it is started again. */
  readonly allocationDownMs: number;
  /** How long the end may take to settle (outbox drained, reporting caught up). */
  readonly settleTimeoutMs: number;
}

export const SHORT: RunProfile = {
  name: 'short',
  topology: 'single',
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
  topology: 'single',
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

/** The short run on the cluster: as short as the single one, with more processes to start. */
export const CLUSTER_SHORT: RunProfile = {
  ...SHORT,
  name: 'cluster short',
  topology: 'cluster',
  natsDownMs: 3_000,
  settleTimeoutMs: 90_000,
};

export const CLUSTER_FULL: RunProfile = {
  ...FULL,
  name: 'cluster full',
  topology: 'cluster',
};

/** The profile for a run's length and topology. */
export function profileFor(length: 'short' | 'full', topology: Topology): RunProfile {
  if (topology === 'cluster') return length === 'short' ? CLUSTER_SHORT : CLUSTER_FULL;
  return length === 'short' ? SHORT : FULL;
}
