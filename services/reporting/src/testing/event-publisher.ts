// Publishes envelopes to a test's own stream exactly as the allocation service's relay does:
// subject by event type, message id = event id, and the routing headers.
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { EventEnvelope } from '@opd/api';
import { ensureEventStream, eventSubject } from '@opd/event-stream';
import { eventTypeOf } from '../consumer/event-message.js';

export const TEST_NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';

export class EventPublisher {
  private constructor(
    private readonly connection: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly stream: { readonly name: string; readonly subjectPrefix: string },
  ) {}

  static async open(stream: { name: string; subjectPrefix: string }): Promise<EventPublisher> {
    const connection = await connect({ servers: TEST_NATS_URL });
    await ensureEventStream(await jetstreamManager(connection), stream);
    return new EventPublisher(connection, jetstream(connection), stream);
  }

  /** Publishes one event; `msgID` defaults to the event id, as the relay sends it. */
  async publish(event: EventEnvelope, options: { msgID?: string } = {}): Promise<number> {
    return this.publishBytes(EventEnvelope.encode(event).finish(), {
      eventType: eventTypeOf(event),
      doctorDayId: event.doctorDayId,
      sequence: event.sequence,
      msgID: options.msgID ?? event.eventId,
    });
  }

  async publishAll(events: readonly EventEnvelope[]): Promise<void> {
    for (const event of events) await this.publish(event);
  }

  /** Publishes any bytes under an event type's subject, with whatever headers are given. */
  async publishBytes(
    data: Uint8Array,
    meta: { eventType: string; doctorDayId?: string; sequence?: number; msgID: string },
  ): Promise<number> {
    const h = headers();
    if (meta.doctorDayId) h.set('Opd-Doctor-Day-Id', meta.doctorDayId);
    if (meta.sequence) h.set('Opd-Sequence', String(meta.sequence));
    h.set('Opd-Event-Type', meta.eventType);
    const ack = await this.js.publish(
      eventSubject(this.stream.subjectPrefix, meta.eventType),
      data,
      {
        msgID: meta.msgID,
        headers: h,
        expect: { streamName: this.stream.name },
      },
    );
    return ack.seq;
  }

  async deleteStream(): Promise<void> {
    const jsm = await jetstreamManager(this.connection);
    await jsm.streams.delete(this.stream.name).catch(() => false);
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
