// Reads every message a test's JetStream stream holds, as published: subject, headers and bytes.
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';

export interface StoredEvent {
  readonly subject: string;
  /** Every header as `name: value` lines. */
  readonly headers: string;
  readonly data: Uint8Array;
}

/** Every message of `stream`, in stream order. */
export async function storedEvents(stream: string): Promise<StoredEvent[]> {
  const nc = await connect({ servers: NATS_URL });
  try {
    const jsm = await jetstreamManager(nc);
    const { first_seq: first, last_seq: last, messages } = (await jsm.streams.info(stream)).state;
    const events: StoredEvent[] = [];
    for (let seq = first; messages > 0 && seq <= last; seq++) {
      const message = await jsm.streams.getMessage(stream, { seq });
      if (!message) continue;
      const headers = [...(message.header?.keys() ?? [])]
        .map((name) => `${name}: ${message.header.values(name).join(', ')}`)
        .join('\n');
      events.push({ subject: message.subject, headers, data: message.data });
    }
    return events;
  } finally {
    await nc.close();
  }
}
