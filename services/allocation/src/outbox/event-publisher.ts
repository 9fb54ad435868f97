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

export interface BatchOutcome {
  /** Ids JetStream acknowledged, a prefix of the batch in sequence order. */
  readonly acked: readonly string[];
  /** A publish failed and the rest of the batch was not attempted. */
  readonly failed: boolean;
}

/**
 * Publishes one doctor-day's events strictly one after another: the next is only sent once
 * the previous one's PubAck arrived, so the stream holds them in sequence order whatever
 * fails in between.
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

  async publishInOrder(events: readonly PendingEvent[]): Promise<BatchOutcome> {
    const acked: string[] = [];
    for (const [i, event] of events.entries()) {
      const previous = events[i - 1];
      if (previous !== undefined && event.sequence !== previous.sequence + 1) {
        // Cannot happen while writers number events under the doctor-day lock; if it does,
        // publishing past the gap would break the order consumers rely on.
        this.logger.warn(
          { doctorDayId: event.doctorDayId, sequence: event.sequence, after: previous.sequence },
          'gap in outbox sequence; waiting for the missing event',
        );
        break;
      }
      if (!(await this.#publish(event))) return { acked, failed: true };
      acked.push(event.id);
    }
    return { acked, failed: false };
  }

  /** Publishes one event and waits for its PubAck; false (and logged) if none came. */
  async #publish(event: PendingEvent): Promise<boolean> {
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
