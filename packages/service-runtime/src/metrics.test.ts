import { describe, expect, it } from '@jest/globals';
import { RpcMetrics, createMetricsRegistry } from './metrics.js';

describe('RpcMetrics', () => {
  it('counts calls and their durations by service, method and code', async () => {
    const registry = createMetricsRegistry();
    const metrics = new RpcMetrics(registry);

    metrics.observe({
      service: 'opd.v1.AllocationService',
      method: 'GetToken',
      code: 'OK',
      durationSeconds: 0.012,
    });
    metrics.observe({
      service: 'opd.v1.AllocationService',
      method: 'GetToken',
      code: 'OK',
      durationSeconds: 0.3,
    });

    const text = await registry.metrics();
    expect(text).toContain(
      'opd_rpc_requests_total{service="opd.v1.AllocationService",method="GetToken",code="OK"} 2',
    );
    expect(text).toContain(
      'opd_rpc_duration_seconds_bucket{le="0.025",service="opd.v1.AllocationService",method="GetToken",code="OK"} 1',
    );
  });

  it('comes with the process default metrics and the default labels', async () => {
    const registry = createMetricsRegistry({ app: 'allocation' });

    const text = await registry.metrics();

    expect(text).toMatch(/process_cpu_user_seconds_total\{app="allocation"\}/);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });
});
