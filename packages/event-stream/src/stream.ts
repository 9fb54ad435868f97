import {
  JetStreamApiCodes,
  JetStreamApiError,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import { millis, nanos } from '@nats-io/nats-core';

export const DEFAULT_STREAM_NAME = 'OPD_EVENTS';
export const DEFAULT_SUBJECT_PREFIX = 'opd.v1.events';
/** How long JetStream remembers a message id to drop a re-published event. */
export const DEFAULT_DUPLICATE_WINDOW_MS = 10 * 60_000;

export interface EventStreamOptions {
  /** The stream's name; `OPD_EVENTS` by default. */
  readonly name?: string;
  /** Events go to `${subjectPrefix}.${event_type}`; `opd.v1.events` by default. */
  readonly subjectPrefix?: string;
  /** JetStream's de-duplication window for message ids; 10 minutes by default. */
  readonly duplicateWindowMs?: number;
  /** Drop events older than this; kept until the stream's other limits when absent. */
  readonly maxAgeDays?: number;
  /**
   * Copies of each event the servers keep: 1 on a single server, 3 on a three-node JetStream
   * cluster (an event is acknowledged once a majority stored it, so one node may die). Left as
   * the stream has it when absent.
   */
  readonly replicas?: number;
}

export type StreamChange = 'created' | 'updated' | 'unchanged';

/** JetStream API error code for "stream name already in use with a different configuration". */
const STREAM_NAME_EXIST = 10058;
const TOKEN = /^[A-Za-z0-9_-]+$/;
const EVENT_TYPE = /^[a-z][a-z0-9_]*$/;

/** Throws unless `prefix` is a plain subject: dot-separated tokens, no wildcards. */
export function assertSubjectPrefix(prefix: string): void {
  if (!prefix.split('.').every((token) => TOKEN.test(token))) {
    throw new Error(`invalid subject prefix "${prefix}": use dot-separated [A-Za-z0-9_-] tokens`);
  }
}

/**
 * The subject an event is published on, e.g.
 * `eventSubject('opd.v1.events', 'token_allocated')` → `opd.v1.events.token_allocated`.
 * Consumers subscribe to `opd.v1.events.>` or to the types they care about.
 */
export function eventSubject(prefix: string, eventType: string): string {
  if (!EVENT_TYPE.test(eventType)) {
    throw new Error(`invalid event type "${eventType}": expected snake_case`);
  }
  return `${prefix}.${eventType}`;
}

/**
 * Makes sure the event stream exists with the subjects and de-duplication window we publish
 * with: creates it (file storage) when missing, updates it when its subjects, duplicate window
 * or (if given) maximum age or replicas differ, and leaves every other setting alone. Safe to call from
 * several instances at once. Uses only features of NATS 2.9.
 */
export async function ensureEventStream(
  jsm: JetStreamManager,
  options: EventStreamOptions = {},
): Promise<StreamChange> {
  const name = options.name ?? DEFAULT_STREAM_NAME;
  const prefix = options.subjectPrefix ?? DEFAULT_SUBJECT_PREFIX;
  assertSubjectPrefix(prefix);
  const duplicateWindowMs = options.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS;
  const wanted = {
    subjects: [`${prefix}.>`],
    duplicate_window: nanos(duplicateWindowMs),
    ...(options.maxAgeDays === undefined
      ? {}
      : { max_age: nanos(options.maxAgeDays * 24 * 3_600_000) }),
    ...(options.replicas === undefined ? {} : { num_replicas: options.replicas }),
  } satisfies Partial<StreamConfig>;

  for (let attempt = 1; ; attempt++) {
    const existing = await streamConfig(jsm, name);
    if (existing === undefined) {
      try {
        await jsm.streams.add({ name, storage: StorageType.File, ...wanted });
        return 'created';
      } catch (error) {
        // Another instance created it first (with other settings): compare and update.
        if (attempt < 3 && isApiError(error, STREAM_NAME_EXIST)) continue;
        throw error;
      }
    }
    if (matches(existing, wanted)) return 'unchanged';
    await jsm.streams.update(name, wanted);
    return 'updated';
  }
}

async function streamConfig(
  jsm: JetStreamManager,
  name: string,
): Promise<StreamConfig | undefined> {
  try {
    return (await jsm.streams.info(name)).config;
  } catch (error) {
    if (isApiError(error, JetStreamApiCodes.StreamNotFound)) return undefined;
    throw error;
  }
}

function matches(
  config: StreamConfig,
  wanted: { subjects: string[]; duplicate_window: number; max_age?: number; num_replicas?: number },
): boolean {
  const subjects = new Set(config.subjects ?? []);
  return (
    subjects.size === wanted.subjects.length &&
    wanted.subjects.every((subject) => subjects.has(subject)) &&
    millis(config.duplicate_window) === millis(wanted.duplicate_window) &&
    (wanted.max_age === undefined || millis(config.max_age) === millis(wanted.max_age)) &&
    (wanted.num_replicas === undefined || config.num_replicas === wanted.num_replicas)
  );
}

function isApiError(error: unknown, code: number): boolean {
  return error instanceof JetStreamApiError && error.code === code;
}
