import { headers } from '@nats-io/nats-core';
import type { Broker } from './broker.js';
import { describeError, type RelayLogger } from './logger.js';
import type { PendingEvent } from './outbox-store.js';
import type { PublishedEvent } from './relay-options.js';
import { eventSubject } from '@opd/event-stream';

export interface PublishCounters {
  published: number;
  duplicates: number;
  lastPublishedAt: Date | null;
  consecutiveFailures: number;
}

/**
 * Publishes one event to JetStream and tells whether it was acknowledged (stored, or known
 * already by its message id). Keeping a doctor-day's order is the caller's job: it publishes
 * the day's next event only once this one was acknowledged.
 */
export class EventPublisher {
  readonly counters: PublishCounters = {
    published: 0,
    duplicates: 0,
    lastPublishedAt: null,
    consecutiveFailures: 0,
  };

  constructor(
    private readonly broker: Broker,
    private readonly stream: { readonly name: string; readonly subjectPrefix: string },
    private readonly timeoutMs: number,
    private readonly logger: RelayLogger,
    private readonly onPublished: ((event: PublishedEvent) => void) | undefined,
  ) {}

  /** Publishes one event and waits for its PubAck; false (and logged) if none came. */
  async publish(event: PendingEvent): Promise<boolean> {
    const fields = {
      eventId: event.id,
      doctorDayId: event.doctorDayId,
      sequence: event.sequence,
      eventType: event.eventType,
    };
    try {
      const h = headers();
      h.set('Opd-Doctor-Day-Id', event.doctorDayId);
      h.set('Opd-Sequence', String(event.sequence));
      h.set('Opd-Event-Type', event.eventType);
      const subject = eventSubject(this.stream.subjectPrefix, event.eventType);
      const ack = await this.broker.js.publish(subject, event.payload, {
        msgID: event.id,
        headers: h,
        timeout: this.timeoutMs,
        expect: { streamName: this.stream.name },
      });
      const counters = this.counters;
      counters.published += 1;
      if (ack.duplicate) counters.duplicates += 1;
      counters.lastPublishedAt = new Date();
      counters.consecutiveFailures = 0;
      this.#notify({
        ...fields,
        createdAt: event.createdAt,
        streamSequence: ack.seq,
        duplicate: ack.duplicate,
      });
      return true;
    } catch (error) {
      this.counters.consecutiveFailures += 1;
      this.logger.warn(
        {
          ...fields,
          err: describeError(error),
          consecutiveFailures: this.counters.consecutiveFailures,
        },
        'publishing an outbox event failed; will retry',
      );
      return false;
    }
  }

  #notify(event: PublishedEvent): void {
    try {
      this.onPublished?.(event);
    } catch (error) {
      this.logger.warn({ err: describeError(error) }, 'onPublished callback failed');
    }
  }
}
