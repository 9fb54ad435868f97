// Follows the event stream with an ordered consumer: ephemeral, in stream order, nothing to
// acknowledge and nothing left behind on the server when the CLI stops.
import { EventEnvelope } from '@opd/api';
import {
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstream,
  jetstreamManager,
  type OrderedConsumerOptions,
} from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { CliError } from '../errors.js';

/** Where to start: the last N events, everything, only new ones, or from an instant. */
export type TailStart =
  | { readonly kind: 'last'; readonly count: number }
  | { readonly kind: 'all' }
  | { readonly kind: 'new' }
  | { readonly kind: 'since'; readonly instant: Date };

export interface TailOptions {
  /** NATS: one server, or every node of a cluster. */
  readonly natsServers: readonly string[];
  readonly stream: string;
  readonly subject: string;
  readonly start: TailStart;
  /** Stop after this many events (default: follow until the signal aborts). */
  readonly maxEvents?: number;
  readonly signal: AbortSignal;
}

async function deliveryFrom(
  start: TailStart,
  lastSeq: () => Promise<number>,
): Promise<Partial<OrderedConsumerOptions>> {
  switch (start.kind) {
    case 'all':
      return { deliver_policy: DeliverPolicy.All };
    case 'new':
      return { deliver_policy: DeliverPolicy.New };
    case 'since':
      return {
        deliver_policy: DeliverPolicy.StartTime,
        opt_start_time: start.instant.toISOString(),
      };
    case 'last': {
      const last = await lastSeq();
      return last === 0 || start.count === 0
        ? { deliver_policy: DeliverPolicy.New }
        : {
            deliver_policy: DeliverPolicy.StartSequence,
            opt_start_seq: Math.max(1, last - start.count + 1),
          };
    }
  }
}

/** Calls `onEvent` with each decoded event until the signal aborts or maxEvents is reached. */
export async function tailEvents(
  options: TailOptions,
  onEvent: (event: EventEnvelope, streamSequence: number) => void,
): Promise<number> {
  const nc = await connect({ servers: [...options.natsServers], name: 'opd-cli' }).catch(
    (error: unknown) => {
      throw new CliError(
        `Cannot reach NATS at ${options.natsServers.join(',')} (${(error as Error).message}); --nats <url> points elsewhere.`,
      );
    },
  );
  try {
    const jsm = await jetstreamManager(nc);
    const lastSeq = async () => {
      try {
        return (await jsm.streams.info(options.stream)).state.last_seq;
      } catch (error) {
        if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) {
          throw new CliError(
            `NATS has no stream ${options.stream}: the allocation service creates it when it starts.`,
          );
        }
        throw error;
      }
    };
    await lastSeq();
    const consumer = await jetstream(nc).consumers.get(options.stream, {
      filter_subjects: options.subject,
      ...(await deliveryFrom(options.start, lastSeq)),
    });
    const messages = await consumer.consume();
    const stop = () => messages.stop();
    options.signal.addEventListener('abort', stop, { once: true });
    let seen = 0;
    try {
      for await (const message of messages) {
        onEvent(EventEnvelope.decode(message.data), message.seq);
        seen++;
        if (options.maxEvents !== undefined && seen >= options.maxEvents) break;
      }
    } finally {
      options.signal.removeEventListener('abort', stop);
    }
    return seen;
  } finally {
    await nc.close();
  }
}
