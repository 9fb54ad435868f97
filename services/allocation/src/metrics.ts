import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** The allocation service's own Prometheus metrics, beside the per-RPC ones. */
export class AllocationMetrics {
  private readonly published: Counter<'event_type'>;
  private readonly publishLag: Histogram;
  private readonly batchSize: Histogram;
  private readonly boardsBuilt: Counter;
  private backlog: () => Promise<number> = async () => 0;

  constructor(registry: Registry) {
    this.published = new Counter({
      name: 'opd_events_published_total',
      help: 'Events the outbox relay published to JetStream, by type.',
      labelNames: ['event_type'],
      registers: [registry],
    });
    this.publishLag = new Histogram({
      name: 'opd_event_publish_lag_seconds',
      help: 'Time from an event being committed to JetStream acknowledging it.',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30],
      registers: [registry],
    });
    this.batchSize = new Histogram({
      name: 'opd_doctor_day_batch_requests',
      help: 'Requests decided together in one committed doctor-day batch (one transaction).',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128],
      registers: [registry],
    });
    this.boardsBuilt = new Counter({
      name: 'opd_live_boards_built_total',
      help: 'Doctor-day boards read and encoded for WatchDoctorDay (once per change per watched day).',
      registers: [registry],
    });
    const backlog: Gauge = new Gauge({
      name: 'opd_outbox_backlog',
      help: 'Committed events not yet published.',
      registers: [registry],
      collect: async (): Promise<void> => backlog.set(await this.backlog()),
    });
  }

  /** Where the backlog gauge reads from (the relay, once it exists). */
  readBacklogFrom(read: () => Promise<number>): void {
    this.backlog = read;
  }

  boardBuilt(): void {
    this.boardsBuilt.inc();
  }

  batchCommitted(requests: number): void {
    this.batchSize.observe(requests);
  }

  eventPublished(eventType: string, committedAt: Date): void {
    this.published.inc({ event_type: eventType });
    this.publishLag.observe((Date.now() - committedAt.getTime()) / 1000);
  }
}
