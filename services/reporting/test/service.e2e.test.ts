import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { status } from '@grpc/grpc-js';
import type { EventEnvelope } from '@opd/api';
import type { Role } from '@opd/service-runtime';
import { expectRefused, HealthClient, listServices } from '@opd/service-runtime/testing';
import { aBusyMorning } from '../src/testing/doctor-day-script.js';
import { Feed } from './support/fixtures.js';
import { firstOf } from './support/streams.js';
import { startHarness, type Harness, type ReportingClient } from './support/harness.js';

let h: Harness;
// A morning already over, so the events are older than their application.
const morning = aBusyMorning({ date: '2026-11-02' });

beforeAll(async () => {
  h = await startHarness();
  await new Feed(h).apply(morning.events);
});
afterAll(async () => {
  await h.stop();
});

const range = { startDate: '2026-11-02', endDate: '2026-11-02', doctorId: '' };
const calls: Record<string, (client: ReportingClient) => Promise<unknown>> = {
  ListTokens: (c) =>
    c.listTokens({ ...range, statuses: [], sources: [], pageSize: 0, pageToken: '' }),
  ExportTokens: (c) => firstOf(c.exportTokens({ ...range, statuses: [], sources: [] })),
  ListDailySummaries: (c) => c.listDailySummaries({ ...range, pageSize: 0, pageToken: '' }),
  GetProjectionStatus: (c) => c.getProjectionStatus({}),
};

describe('the reporting service', () => {
  it('lets reporting and admin keys read every report, and refuses other roles', async () => {
    for (const [method, call] of Object.entries(calls)) {
      for (const role of ['reporting', 'admin'] as const) {
        await expect(call(h.client(role))).resolves.toBeDefined();
      }
      for (const role of ['counter', 'doctor', 'integration'] satisfies Role[]) {
        const refused = await expectRefused(
          call(h.client(role)),
          status.PERMISSION_DENIED,
          'ROLE_NOT_ALLOWED',
        );
        expect({ method, code: refused.code }).toEqual({ method, code: status.PERMISSION_DENIED });
      }
      await expectRefused(call(h.client()), status.UNAUTHENTICATED, 'API_KEY_MISSING');
    }
  });

  it('says how far the read model trails the stream: last event, counts and backlog', async () => {
    const last = morning.events.at(-1) as EventEnvelope;
    const projection = await h.client('reporting').getProjectionStatus({});

    expect(projection).toMatchObject({
      lastEventId: last.eventId,
      lastEventOccurredAt: last.occurredAt,
      eventsApplied: morning.events.length,
      pendingEventCount: 0,
      parkedEventCount: 0,
    });
    expect(projection.lastAppliedAt?.getTime()).toBeGreaterThan(last.occurredAt?.getTime() ?? 0);
    expect(projection.lastEventDelay?.seconds).toBeGreaterThan(0);
  });

  it('answers health checks and reflection, as grpcurl and load balancers expect', async () => {
    const address = `127.0.0.1:${h.app().port}`;
    const health = new HealthClient(address);
    try {
      expect(await health.check('')).toBe('SERVING');
      expect(await health.check('opd.v1.ReportingService')).toBe('SERVING');
    } finally {
      health.close();
    }
    expect(await listServices(address)).toEqual(
      expect.arrayContaining(['opd.v1.ReportingService', 'grpc.health.v1.Health']),
    );
    const healthz = await fetch(`http://127.0.0.1:${h.app().metricsPort}/healthz`);
    expect(healthz.status).toBe(200);
    expect(await healthz.json()).toEqual({
      ok: true,
      details: {
        database: 'up',
        broker: 'up',
        // The gRPC server's load (docs/security.md, "Limits").
        connections: expect.stringMatching(/^\d+\/1000$/),
        connectionsRefused: '0',
        streams: '0',
        keysAtStreamLimit: '0',
        addressesHeldOff: '0',
      },
    });
  });

  it('publishes applied events, lag and backlog as Prometheus metrics', async () => {
    const metrics = await fetch(`http://127.0.0.1:${h.app().metricsPort}/metrics`).then((r) =>
      r.text(),
    );

    expect(metrics).toMatch(
      /opd_reporting_events_applied_total\{event_type="token_allocated"[^}]*\} [1-9]/,
    );
    expect(metrics).toMatch(/opd_reporting_lag_seconds\{[^}]*\} \d/);
    expect(metrics).toMatch(/opd_reporting_pending_events\{[^}]*\} 0/);
    expect(metrics).toMatch(/opd_reporting_event_delay_seconds_count\{[^}]*\} 19/);
    expect(metrics).toMatch(/opd_rpc_requests_total\{[^}]*method="GetProjectionStatus"/);
  });
});
