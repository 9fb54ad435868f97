import type { JsMsg } from '@nats-io/jetstream';
import type { EventEnvelope } from '@opd/api';
import type { Logger } from '@opd/service-runtime';
import type pg from 'pg';
import { isTransientFailure } from '../db/database-errors.js';
import type { ParkReason } from '../db/entities/parked-event.entity.js';
import { applyBatch } from './apply-batch.js';
import { applyEvent, type ApplyOutcome } from './apply-event.js';
import { eventTypeOf, type DecodedEvent } from './event-message.js';
import { HeldEvents } from './held-events.js';
import { parkEvent } from './parking.js';
import { gapDelayMs, gapWaitedMs, retryDelayMs, type RetryPolicy } from './retry-policy.js';

/** What the consumer reports as it goes (the service's Prometheus metrics). */
export interface ConsumerObserver {
  applied(event: EventEnvelope, appliedAt: Date): void;
  duplicate(): void;
  heldBack(): void;
  retried(transient: boolean): void;
  parked(reason: ParkReason): void;
}

export interface EventHandlerOptions {
  /** The consumer's own connections (see inPgTransaction). */
  readonly pool: pg.Pool;
  readonly log: Logger;
  readonly streamName: string;
  readonly retry: RetryPolicy;
  /** How long an early event is kept in memory before it goes back to JetStream. */
  readonly holdMs: number;
  /**
   * How often, while events are held, the read model is asked whether another instance has
   * applied what they wait for (instances sharing the durable consumer get a day's events in
   * turn); 50 ms.
   */
  readonly recheckMs?: number;
  readonly observer?: ConsumerObserver | undefined;
  readonly afterCommit?: ((event: EventEnvelope) => Promise<void> | void) | undefined;
  /** Told when the database seems away, so the consumer stops taking events for a while. */
  readonly onTransientFailure: () => void;
  /** Told when the database answered again. */
  readonly onDatabaseAnswered: () => void;
}

interface Delivery {
  readonly message: JsMsg;
  readonly event: EventEnvelope;
}

/** A message as it came off the stream, read or not. */
export interface Received {
  readonly message: JsMsg;
  readonly decoded: DecodedEvent;
}

/**
 * Decides each message's fate: applied then acked, acked as a copy, held back until its
 * predecessor is applied, retried later (nak with a delay), or parked and terminated.
 * Messages come in batches applied in one transaction each; a batch that cannot be applied
 * whole is applied one event at a time, so a poison event is retried and parked on its own.
 * Never throws: every path ends with the message acked, nak'ed, held or terminated.
 */
export class EventHandler {
  readonly #options: EventHandlerOptions;
  readonly #held: HeldEvents<Delivery>;
  #recheck: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(options: EventHandlerOptions) {
    this.#options = options;
    this.#held = new HeldEvents(options.holdMs, ({ message }) =>
      message.nak(gapDelayMs(message.info.deliveryCount)),
    );
  }

  /**
   * While events are held, looks every moment at the positions of their doctor-days: when
   * another instance (sharing the durable consumer) has applied the event one waits for, it is
   * applied now instead of after the hold. The read model's position gate keeps the order
   * whoever applies; this only saves the wait.
   */
  #scheduleRecheck(): void {
    if (this.#recheck !== undefined || this.#stopped || this.#held.size === 0) return;
    this.#recheck = setTimeout(() => {
      void this.#recheckHeld().finally(() => {
        this.#recheck = undefined;
        this.#scheduleRecheck();
      });
    }, this.#options.recheckMs ?? 50);
    this.#recheck.unref();
  }

  async #recheckHeld(): Promise<void> {
    const waiting = this.#held.lowestHeld();
    if (waiting.size === 0) return;
    let positions: { doctor_day_id: string; applied_sequence: string }[];
    try {
      positions = (
        await this.#options.pool.query<{ doctor_day_id: string; applied_sequence: string }>(
          `select doctor_day_id, applied_sequence::text as applied_sequence
             from event_position where doctor_day_id = any($1::uuid[])`,
          [[...waiting.keys()]],
        )
      ).rows;
    } catch {
      return; // the database is away: the hold's own timeout hands the events back
    }
    for (const { doctor_day_id: day, applied_sequence: applied } of positions) {
      const next = this.#held.take(day, Number(applied) + 1);
      if (next) await this.#applyRun([next]);
    }
  }

  /**
   * Handles one lane's messages in their order: each run of readable events as one batch,
   * an unreadable message on its own (parked), then the held events each batch unblocked.
   */
  async handleBatch(received: readonly Received[]): Promise<void> {
    let run: Delivery[] = [];
    for (const { message, decoded } of received) {
      if (decoded.ok) {
        run.push({ message, event: decoded.event });
        continue;
      }
      await this.#applyRun(run);
      run = [];
      await this.handle(message, decoded);
    }
    await this.#applyRun(run);
  }

  /** Applies a run of events together, then, together, the held events they unblocked. */
  async #applyRun(run: readonly Delivery[]): Promise<void> {
    for (let batch = run; batch.length > 0;) {
      const reached = await this.#applyTogether(batch);
      batch = [...reached].flatMap(([day, sequence]) => this.#heldAfter(day, sequence));
    }
  }

  /** Held events of the day that follow `sequence` without a gap, in order. */
  #heldAfter(day: string, sequence: number): Delivery[] {
    const next: Delivery[] = [];
    for (let held = this.#held.take(day, sequence + 1); held;) {
      next.push(held);
      held = this.#held.take(day, held.event.sequence + 1);
    }
    return next;
  }

  /** Returns, per doctor-day the batch moved on, the sequence it reached. */
  async #applyTogether(batch: readonly Delivery[]): Promise<Map<string, number>> {
    const reached = new Map<string, number>();
    const moved = (day: string, sequence: number | undefined) => {
      if (sequence !== undefined) reached.set(day, Math.max(sequence, reached.get(day) ?? 0));
    };
    const { pool, log, observer } = this.#options;
    const appliedAt = new Date();
    let outcomes: ApplyOutcome[] | undefined;
    if (batch.length > 1) {
      try {
        const events = batch.map(({ message, event }) => ({ event, streamSequence: message.seq }));
        outcomes = await applyBatch(pool, events, appliedAt);
      } catch (error) {
        if (isTransientFailure(error)) {
          this.#options.onTransientFailure();
          log.warn(
            { events: batch.length, err: error },
            'the read model database is unavailable; will retry the events',
          );
          for (const { message } of batch) {
            observer?.retried(true);
            message.nak(retryDelayMs(message.info.deliveryCount));
          }
          return reached;
        }
        log.warn(
          { events: batch.length, err: error },
          'a batch could not be applied whole; applying its events one at a time',
        );
      }
    }
    for (const [i, delivery] of batch.entries()) {
      const outcome = outcomes?.[i];
      const sequence = outcome
        ? await this.#settle(delivery, outcome, appliedAt)
        : await this.#handleEvent(delivery);
      moved(delivery.event.doctorDayId, sequence);
    }
    return reached;
  }

  /** Handles a message, then every held event of its doctor-day that it unblocked, in order. */
  async handle(message: JsMsg, decoded: DecodedEvent): Promise<void> {
    let day: string | undefined;
    let reached: number | undefined;
    if (decoded.ok) {
      day = decoded.event.doctorDayId;
      reached = await this.#handleEvent({ message, event: decoded.event });
    } else {
      day = decoded.event?.doctorDayId || message.headers?.get('Opd-Doctor-Day-Id');
      reached = await this.#park(message, decoded.event, decoded.reason, decoded.error, true);
    }
    for (let next = this.#unblocked(day, reached); next; next = this.#unblocked(day, reached)) {
      reached = await this.#handleEvent(next);
    }
  }

  /** The held event that can go now that its day reached `reached`, if there is one. */
  #unblocked(day: string | undefined, reached: number | undefined): Delivery | undefined {
    return day && reached !== undefined ? this.#held.take(day, reached + 1) : undefined;
  }

  /** Hands every held event back to JetStream (on stop). */
  releaseHeld(): void {
    this.#stopped = true;
    clearTimeout(this.#recheck);
    this.#held.releaseAll();
  }

  /** Applies one event in its own transaction; returns the sequence its day reached, if moved. */
  async #handleEvent(delivery: Delivery): Promise<number | undefined> {
    const { message, event } = delivery;
    const appliedAt = new Date();
    let outcome: ApplyOutcome;
    try {
      outcome = await applyEvent(this.#options.pool, event, {
        streamSequence: message.seq,
        appliedAt,
      });
    } catch (error) {
      return this.#failed(message, event, error);
    }
    return this.#settle(delivery, outcome, appliedAt);
  }

  /** Acks, holds back or reports an event whose transaction ended with `outcome`. */
  async #settle(
    { message, event }: Delivery,
    outcome: ApplyOutcome,
    appliedAt: Date,
  ): Promise<number | undefined> {
    const { observer, log, afterCommit } = this.#options;
    this.#options.onDatabaseAnswered();
    if (outcome.kind === 'gap') {
      await this.#heldBack(message, event, outcome.appliedSequence);
      return undefined;
    }
    if (outcome.kind === 'duplicate') {
      observer?.duplicate();
      log.debug(eventFields(event), 'an event already applied arrived again');
      message.ack();
      return undefined;
    }
    observer?.applied(event, appliedAt);
    try {
      await afterCommit?.(event);
    } catch (error) {
      log.warn({ ...eventFields(event), err: error }, 'applied; left unacknowledged');
      return event.sequence;
    }
    message.ack();
    return event.sequence;
  }

  async #heldBack(message: JsMsg, event: EventEnvelope, appliedSequence: number): Promise<void> {
    const deliveries = message.info.deliveryCount;
    if (gapWaitedMs(deliveries, this.#options.holdMs) >= this.#options.retry.gapWaitMs) {
      const missing = `sequence ${appliedSequence + 1} never arrived`;
      await this.#park(message, event, 'SEQUENCE_GAP', missing, false);
      return;
    }
    this.#options.observer?.heldBack();
    this.#options.log.debug(
      { ...eventFields(event), appliedSequence },
      'an event arrived before an earlier one of its doctor-day; holding it back',
    );
    message.working();
    this.#held.hold(event.doctorDayId, event.sequence, { message, event });
    this.#scheduleRecheck();
  }

  async #failed(message: JsMsg, event: EventEnvelope, error: unknown): Promise<number | undefined> {
    const { log, observer, retry } = this.#options;
    const deliveries = message.info.deliveryCount;
    const fields = { ...eventFields(event), deliveries, err: error };
    if (isTransientFailure(error)) {
      this.#options.onTransientFailure();
      observer?.retried(true);
      log.warn(fields, 'the read model database is unavailable; will retry the event');
    } else if (deliveries >= retry.maxApplyAttempts) {
      const reason = error instanceof Error ? error.message : String(error);
      return this.#park(message, event, 'APPLY_FAILED', reason, true);
    } else {
      observer?.retried(false);
      log.warn(fields, 'applying an event failed; will retry it');
    }
    message.nak(retryDelayMs(deliveries));
    return undefined;
  }

  /** Parks and terminates; returns the sequence reached if the doctor-day was moved past it. */
  async #park(
    message: JsMsg,
    event: EventEnvelope | undefined,
    reason: ParkReason,
    error: string,
    passOver: boolean,
  ): Promise<number | undefined> {
    const { log, observer, pool, streamName } = this.#options;
    const deliveries = message.info.deliveryCount;
    const header = (name: string) => message.headers?.get(name) || undefined;
    const sequenceHeader = Number(header('Opd-Sequence'));
    const headers = {
      ...optional('doctorDayId', header('Opd-Doctor-Day-Id')),
      ...optional('eventType', header('Opd-Event-Type')),
      ...(Number.isSafeInteger(sequenceHeader) && sequenceHeader > 0
        ? { sequence: sequenceHeader }
        : {}),
    };
    try {
      const { passedOver } = await parkEvent(
        pool,
        {
          streamName,
          streamSequence: message.seq,
          subject: message.subject,
          deliveries,
          payload: message.data,
          event,
          headers,
          reason,
          error,
          passOver,
        },
        new Date(),
      );
      log.error(
        {
          ...(event ? eventFields(event) : headers),
          streamSequence: message.seq,
          reason,
          error,
          deliveries,
          passedOver,
        },
        'parked an event the read model cannot apply; it needs an operator',
      );
      observer?.parked(reason);
      message.term();
      return passedOver ? (event?.sequence ?? headers.sequence) : undefined;
    } catch (parkError) {
      this.#options.onTransientFailure();
      log.error(
        { streamSequence: message.seq, err: parkError },
        'could not park an event; will retry',
      );
      message.nak(retryDelayMs(deliveries));
      return undefined;
    }
  }
}

/** How an event is named in logs: ids and position, never its payload. */
export function eventFields(event: EventEnvelope) {
  return {
    eventId: event.eventId,
    doctorDayId: event.doctorDayId,
    sequence: event.sequence,
    eventType: eventTypeOf(event),
  };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
