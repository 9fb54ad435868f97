import { afterEach, describe, expect, it } from '@jest/globals';
import { Counter } from 'prom-client';
import { createMetricsRegistry } from './metrics.js';
import {
  type HealthReport,
  type RunningMetricsServer,
  startMetricsServer,
} from './metrics-server.js';

let running: RunningMetricsServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(health: () => Promise<HealthReport>) {
  const registry = createMetricsRegistry();
  new Counter({
    name: 'opd_tokens_issued_total',
    help: 'Tokens issued.',
    registers: [registry],
  }).inc(3);
  running = await startMetricsServer({ host: '127.0.0.1', port: 0, registry, health });
  return `http://127.0.0.1:${running.port}`;
}

describe('the metrics server', () => {
  it('serves the registry, with the service metrics, at /metrics', async () => {
    const base = await start(async () => ({ ok: true, details: {} }));

    const response = await fetch(`${base}/metrics`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(await response.text()).toContain('opd_tokens_issued_total 3');
  });

  it('answers /healthz with 200 when healthy and 503 when not', async () => {
    let ok = true;
    const base = await start(async () => ({ ok, details: { database: ok ? 'up' : 'down' } }));

    const healthy = await fetch(`${base}/healthz`);
    ok = false;
    const unhealthy = await fetch(`${base}/healthz`);

    expect(healthy.status).toBe(200);
    expect(await healthy.json()).toEqual({ ok: true, details: { database: 'up' } });
    expect(unhealthy.status).toBe(503);
    expect(await unhealthy.json()).toEqual({ ok: false, details: { database: 'down' } });
  });

  it('reports a health check that throws as unhealthy, without its message', async () => {
    const base = await start(async () => {
      throw new Error('password authentication failed');
    });

    const response = await fetch(`${base}/healthz`);

    expect(response.status).toBe(503);
    expect(await response.text()).not.toContain('password');
  });

  it('answers 404 elsewhere', async () => {
    const base = await start(async () => ({ ok: true, details: {} }));

    expect((await fetch(`${base}/`)).status).toBe(404);
  });
});
