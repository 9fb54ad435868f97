import type { EventEnvelope } from '@opd/api';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { ConsumerObserver } from './consumer/projection-consumer.js';
import { eventTypeOf } from './consumer/event-message.js';
import type { ParkReason } from './db/entities/parked-event.entity.js';

/** The reporting service's own Prometheus metrics, beside the per-RPC ones. */
export class ReportingMetrics implements ConsumerObserver {
  readonly #applied: Counter<'event_type'>;
  readonly #duplicates: Counter;
  readonly #heldBack: Counter;
  readonly #retries: Counter<'kind'>;
  readonly #parked: Counter<'reason'>;
  readonly #delay: Histogram;
  readonly #lag: Gauge;
  #pending: () => Promise<number | undefined> = async () => undefined;
  #parkedNow: () => Promise<number> = async () => 0;

  constructor(registry: Registry) {
    const registers = [registry];
    this.#applied = new Counter({
      name: 'opd_reporting_events_applied_total',
      help: 'Events applied to the read model, by type.',
      labelNames: ['event_type'],
      registers,
    });
    this.#duplicates = new Counter({
      name: 'opd_reporting_events_duplicate_total',
      help: 'Copies of already applied events that arrived again and changed nothing.',
      registers,
    });
    this.#heldBack = new Counter({
      name: 'opd_reporting_events_held_back_total',
      help: 'Deliveries of events that arrived before an earlier event of their doctor-day.',
      registers,
    });
    this.#retries = new Counter({
      name: 'opd_reporting_event_retries_total',
      help: 'Events that failed to apply and will be retried (transient: database unavailable).',
      labelNames: ['kind'],
      registers,
    });
    this.#parked = new Counter({
      name: 'opd_reporting_events_parked_total',
      help: 'Poison events parked by this process, by reason.',
      labelNames: ['reason'],
      registers,
    });
    this.#delay = new Histogram({
      name: 'opd_reporting_event_delay_seconds',
      help: 'Time from an event being committed by the allocation service to being applied here.',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 30, 300],
      registers,
    });
    this.#lag = new Gauge({
      name: 'opd_reporting_lag_seconds',
      help: 'How late the last applied event was applied (applied time minus commit time).',
      registers,
    });
    const pending: Gauge = new Gauge({
      name: 'opd_reporting_pending_events',
      help: 'Events JetStream holds for the read model that it has not applied yet.',
      registers,
      collect: async (): Promise<void> => {
        const value = await this.#pending();
        if (value !== undefined) pending.set(value);
      },
    });
    const parked: Gauge = new Gauge({
      name: 'opd_reporting_parked_events',
      help: 'Parked events awaiting an operator, in the read model database.',
      registers,
      collect: async (): Promise<void> => parked.set(await this.#parkedNow()),
    });
  }

  /** Where the pending and parked gauges read from. */
  readFrom(sources: {
    pending: () => Promise<number | undefined>;
    parked: () => Promise<number>;
  }): void {
    this.#pending = sources.pending;
    this.#parkedNow = sources.parked;
  }

  applied(event: EventEnvelope, appliedAt: Date): void {
    this.#applied.inc({ event_type: eventTypeOf(event) });
    const occurred = event.occurredAt?.getTime() ?? appliedAt.getTime();
    const seconds = Math.max(0, (appliedAt.getTime() - occurred) / 1000);
    this.#delay.observe(seconds);
    this.#lag.set(seconds);
  }

  duplicate(): void {
    this.#duplicates.inc();
  }

  heldBack(): void {
    this.#heldBack.inc();
  }

  retried(transient: boolean): void {
    this.#retries.inc({ kind: transient ? 'transient' : 'apply' });
  }

  parked(reason: ParkReason): void {
    this.#parked.inc({ reason });
  }
}
