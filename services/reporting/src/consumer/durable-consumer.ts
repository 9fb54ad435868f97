import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type ConsumerConfig,
  type ConsumerInfo,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { millis, nanos } from '@nats-io/nats-core';

export interface DurableConsumerOptions {
  readonly streamName: string;
  readonly subjectPrefix: string;
  /** The stream's copies of each event (the consumer keeps as many of its own state). */
  readonly replicas?: number;
  readonly durableName: string;
  /** How long a delivered event may stay unacknowledged before JetStream sends it again. */
  readonly ackWaitMs: number;
  /** Events delivered but not yet acknowledged, at most (held-back early events count). */
  readonly maxAckPending: number;
}

/**
 * The read model's durable pull consumer: every event of the stream from its start, explicit
 * acks, and no delivery limit on the server (the consumer parks poison events itself, with
 * their error, instead of letting JetStream drop them silently). NATS 2.9 settings only.
 */
export function consumerConfig(options: DurableConsumerOptions): Partial<ConsumerConfig> {
  return {
    durable_name: options.durableName,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: `${options.subjectPrefix}.>`,
    ack_wait: nanos(options.ackWaitMs),
    max_deliver: -1,
    max_ack_pending: options.maxAckPending,
  };
}

/**
 * Creates the durable consumer when it is missing; otherwise corrects its ack wait and
 * pending limit if they differ and leaves its position alone. Safe from several instances.
 */
export async function ensureDurableConsumer(
  jsm: JetStreamManager,
  options: DurableConsumerOptions,
): Promise<'created' | 'updated' | 'unchanged'> {
  const existing = await consumerInfo(jsm, options);
  if (existing === undefined) {
    await jsm.consumers.add(options.streamName, consumerConfig(options));
    return 'created';
  }
  const { config } = existing;
  if (
    millis(config.ack_wait ?? 0) === options.ackWaitMs &&
    config.max_ack_pending === options.maxAckPending
  ) {
    return 'unchanged';
  }
  await jsm.consumers.update(options.streamName, options.durableName, {
    ack_wait: nanos(options.ackWaitMs),
    max_ack_pending: options.maxAckPending,
  });
  return 'updated';
}

/** Deletes the durable consumer (if any) and creates it again at the stream's start. */
export async function recreateDurableConsumer(
  jsm: JetStreamManager,
  options: DurableConsumerOptions,
): Promise<void> {
  await deleteDurableConsumer(jsm, options);
  await jsm.consumers.add(options.streamName, consumerConfig(options));
}

export async function deleteDurableConsumer(
  jsm: JetStreamManager,
  options: Pick<DurableConsumerOptions, 'streamName' | 'durableName'>,
): Promise<void> {
  try {
    await jsm.consumers.delete(options.streamName, options.durableName);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

export async function consumerInfo(
  jsm: JetStreamManager,
  options: Pick<DurableConsumerOptions, 'streamName' | 'durableName'>,
): Promise<ConsumerInfo | undefined> {
  try {
    return await jsm.consumers.info(options.streamName, options.durableName);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

function isNotFound(error: unknown): boolean {
  return (
    error instanceof JetStreamApiError &&
    (error.code === JetStreamApiCodes.ConsumerNotFound ||
      error.code === JetStreamApiCodes.StreamNotFound)
  );
}
