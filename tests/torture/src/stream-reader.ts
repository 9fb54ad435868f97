// The whole private event stream, message by message, exactly as JetStream stores it: nothing is
// de-duplicated on the way, so a copy shows up as a copy.
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { STREAM } from './stack.js';

export interface StreamMessage {
  readonly streamSequence: number;
  readonly subject: string;
  /** The Nats-Msg-Id header: the event id the relay published under. */
  readonly messageId: string;
  readonly data: Uint8Array;
}

export async function readStream(servers: readonly string[]): Promise<StreamMessage[]> {
  const nc = await connect({ servers: [...servers] });
  try {
    const info = await (await jetstreamManager(nc)).streams.info(STREAM);
    const last = info.state.last_seq;
    const messages: StreamMessage[] = [];
    if (info.state.messages === 0) return messages;
    // An ordered consumer: ephemeral, in stream order, nothing left behind on the server.
    const consumer = await jetstream(nc).consumers.get(STREAM);
    const iterator = await consumer.consume();
    for await (const message of iterator) {
      messages.push({
        streamSequence: message.seq,
        subject: message.subject,
        messageId: message.headers?.get('Nats-Msg-Id') ?? '',
        data: message.data,
      });
      if (message.seq >= last) break;
    }
    await iterator.close();
    return messages;
  } finally {
    await nc.close();
  }
}
