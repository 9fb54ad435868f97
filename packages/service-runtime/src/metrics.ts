import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's Prometheus registry, with Node's default metrics (CPU, memory, event
 * loop lag, GC). Services register their own metrics on it.
 */
export function createMetricsRegistry(defaultLabels: Record<string, string> = {}): Registry {
  const registry = new Registry();
  registry.setDefaultLabels(defaultLabels);
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** One finished call, for {@link RpcMetrics.observe}. */
export interface RpcObservation {
  /** Fully-qualified service, e.g. 'opd.v1.AllocationService'. */
  service: string;
  method: string;
  /** The gRPC status name, e.g. 'OK', 'NOT_FOUND'. */
  code: string;
  durationSeconds: number;
}

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** `opd_rpc_requests_total` and `opd_rpc_duration_seconds`, by service, method and code. */
export class RpcMetrics {
  readonly #requests: Counter<'service' | 'method' | 'code'>;
  readonly #duration: Histogram<'service' | 'method' | 'code'>;

  constructor(registry: Registry) {
    this.#requests = new Counter({
      name: 'opd_rpc_requests_total',
      help: 'gRPC calls handled, by service, method and status code.',
      labelNames: ['service', 'method', 'code'],
      registers: [registry],
    });
    this.#duration = new Histogram({
      name: 'opd_rpc_duration_seconds',
      help: 'Time from a gRPC call arriving to its status being sent (whole stream for streams).',
      labelNames: ['service', 'method', 'code'],
      buckets: DURATION_BUCKETS,
      registers: [registry],
    });
  }

  observe(call: RpcObservation): void {
    const labels = { service: call.service, method: call.method, code: call.code };
    this.#requests.inc(labels);
    this.#duration.observe(labels, call.durationSeconds);
  }
}
