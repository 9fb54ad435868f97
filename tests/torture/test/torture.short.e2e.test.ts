// The short torture run inside `npm test`: a private PostgreSQL, NATS and both services, a
// load of concurrent clients, and every fault once. It asserts outcomes, never timings: the run
// waits as long as a busy machine needs, and the checks look at what ended up where.
import { describe, expect, it } from '@jest/globals';
import { runLogger } from '../src/logger.js';
import { runTorture } from '../src/orchestrator.js';
import { SHORT } from '../src/profile.js';
import { formatReport, type TortureReport } from '../src/report.js';

describe('the short torture run', () => {
  it('keeps every invariant while the services, NATS and PostgreSQL are killed and restarted', async () => {
    const progress: string[] = [];
    let report: TortureReport;
    try {
      report = await runTorture({
        profile: SHORT,
        log: runLogger({ write: (line: string) => progress.push(line) }),
      });
    } catch (error) {
      console.log(`the run could not complete; its progress:\n${progress.join('')}`);
      throw error;
    }
    // The whole table when anything is off: which checks broke, with their first violations.
    if (report.violations > 0 || report.faults.some((f) => !f.happened))
      console.log(formatReport(report));

    // Every fault really happened, with its evidence (a fault that did not happen proves nothing).
    expect(report.faults.map((f) => [f.kind, f.happened])).toEqual([
      ['kill -9 allocation', true],
      ['kill -9 allocation mid-batch', true],
      ['NATS outage', true],
      ['kill -9 reporting', true],
      ['PostgreSQL restart', true],
    ]);

    // Enough happened for the checks to mean something: acknowledged bookings and changes, calls
    // cut off by the faults, and events that went all the way to the read model.
    const total = report.operations.find((o) => o.kind === 'total');
    const requests = report.operations.find((o) => o.kind === 'RequestToken');
    expect(total?.ok).toBeGreaterThanOrEqual(150);
    expect(requests?.ok).toBeGreaterThanOrEqual(75);
    expect(total?.indefinite).toBeGreaterThan(0);
    expect(report.events.committed).toBeGreaterThanOrEqual(150);
    expect(report.events.applied).toBe(report.events.committed);
    expect(report.checks.filter((c) => c.examined === 0).map((c) => c.name)).toEqual([]);

    // And nothing broke.
    expect(report.checks.filter((c) => c.violations.length > 0).map((c) => c.name)).toEqual([]);
    expect(report.violations).toBe(0);
  });
});
