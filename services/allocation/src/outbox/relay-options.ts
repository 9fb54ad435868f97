import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import type { BrokerTarget } from './broker.js';
import type { RelayLogger } from './logger.js';
import {
  DEFAULT_DUPLICATE_WINDOW_MS,
  DEFAULT_STREAM_NAME,
  DEFAULT_SUBJECT_PREFIX,
  type EventStreamOptions,
} from '@opd/event-stream';

export interface OutboxRelayOptions {
  /** The allocation database. The relay opens its own small pool and one LISTEN connection. */
  readonly databaseUrl: string;
  readonly nats: BrokerTarget;
  readonly logger: RelayLogger;
  /** The event stream; `ensureStream: false` leaves creating it to someone else. */
  readonly stream?: EventStreamOptions & { readonly ensureStream?: boolean };
  /**
   * Doctor-days drained at once, each with one publish in flight (so this many publishes are
   * in flight together); 512. They share a handful of connections.
   */
  readonly concurrency?: number;
  /** Events of one doctor-day read at a time; 100. */
  readonly batchSize?: number;
  /** Look for work this often even without a wake-up; 250 ms. */
  readonly pollIntervalMs?: number;
  /** Time limit for one publish's PubAck; 5 s. */
  readonly publishTimeoutMs?: number;
  /** After failures: 100 ms, doubling, up to 5 s. */
  readonly backoff?: Partial<BackoffPolicy>;
  /** Published rows are deleted after this many days; 7. */
  readonly retentionDays?: number;
  /** How often to purge; hourly. The first purge runs a minute after start (or sooner). */
  readonly purgeIntervalMs?: number;
  /**
   * A doctor-day's claim is kept after its drain, so its next drain takes it without a
   * statement, and given back once no drain used it for this long; 30 s. It is given back
   * sooner after a failed drain and while the broker is away, and it ends with this relay's
   * process or claims connection: another relay's poll then takes the day over.
   */
  readonly claimIdleMs?: number;
  /** At most this many unused claims are kept; 1,000 (each is a slot of the server's lock table). */
  readonly maxIdleClaims?: number;
  /**
   * A mark of an acknowledged event waits this long for others to share its statement; 50 ms.
   * Nothing waits on marks to publish; `published_at` is the moment of the acknowledgement.
   */
  readonly markDelayMs?: number;
  /** LISTEN for `NOTIFY opd_doctor_day_changed` (the doctor-day and its last sequence); true. */
  readonly listen?: boolean;
  /** Called after each acknowledged publish, e.g. to feed a lag histogram. */
  readonly onPublished?: (event: PublishedEvent) => void;
}

/** An event JetStream acknowledged. */
export interface PublishedEvent {
  readonly eventId: string;
  readonly doctorDayId: string;
  readonly sequence: number;
  readonly eventType: string;
  /** When the outbox row was written (the writing transaction's start). */
  readonly createdAt: Date;
  /** Its position in the stream. */
  readonly streamSequence: number;
  /** JetStream had it already (an earlier publish whose marking was lost). */
  readonly duplicate: boolean;
}

export interface OutboxRelayStats {
  /** Events acknowledged by JetStream since start, duplicates included. */
  readonly published: number;
  /** Of those, the ones JetStream already had. */
  readonly duplicates: number;
  /** Unpublished outbox rows (the work of every instance, not only this one). */
  readonly backlog: number;
  /** When the oldest unpublished row was written; null when there is none. */
  readonly oldestUnpublishedAt: Date | null;
  readonly lastPublishedAt: Date | null;
  /** Failed publishes, outbox transactions and rounds since the last acknowledged publish. */
  readonly consecutiveFailures: number;
  readonly brokerConnected: boolean;
}

export interface RelaySettings {
  readonly stream: Required<Omit<EventStreamOptions, 'maxAgeDays' | 'replicas'>> &
    Pick<EventStreamOptions, 'maxAgeDays' | 'replicas'> & { readonly ensureStream: boolean };
  readonly concurrency: number;
  readonly batchSize: number;
  readonly pollIntervalMs: number;
  readonly publishTimeoutMs: number;
  readonly backoff: BackoffPolicy;
  readonly retentionDays: number;
  readonly purgeIntervalMs: number;
  readonly claimIdleMs: number;
  readonly maxIdleClaims: number;
  readonly markDelayMs: number;
}

export function relaySettings(options: OutboxRelayOptions): RelaySettings {
  const stream = options.stream;
  const settings: RelaySettings = {
    stream: {
      name: stream?.name ?? DEFAULT_STREAM_NAME,
      subjectPrefix: stream?.subjectPrefix ?? DEFAULT_SUBJECT_PREFIX,
      duplicateWindowMs: stream?.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS,
      ...(stream?.maxAgeDays === undefined ? {} : { maxAgeDays: stream.maxAgeDays }),
      ...(stream?.replicas === undefined ? {} : { replicas: stream.replicas }),
      ensureStream: stream?.ensureStream ?? true,
    },
    concurrency: options.concurrency ?? 512,
    batchSize: options.batchSize ?? 100,
    pollIntervalMs: options.pollIntervalMs ?? 250,
    publishTimeoutMs: options.publishTimeoutMs ?? 5_000,
    backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
    retentionDays: options.retentionDays ?? 7,
    purgeIntervalMs: options.purgeIntervalMs ?? 3_600_000,
    claimIdleMs: options.claimIdleMs ?? 30_000,
    maxIdleClaims: options.maxIdleClaims ?? 1_000,
    markDelayMs: options.markDelayMs ?? 50,
  };
  for (const [key, value] of Object.entries(settings)) {
    if (typeof value === 'number' && !(value > 0)) {
      throw new Error(`outbox relay option ${key} must be positive, got ${value}`);
    }
  }
  return settings;
}
