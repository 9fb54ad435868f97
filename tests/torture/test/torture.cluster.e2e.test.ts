// The short torture run on the cluster inside `npm test`: a PostgreSQL primary with a
// synchronous standby, a three-node NATS cluster and two instances of each service, a load of
// concurrent clients balanced over the instances, and each of the cluster's faults once. It
// asserts outcomes, never timings.
import { describe, expect, it } from '@jest/globals';
import { runLogger } from '../src/logger.js';
import { runTorture } from '../src/orchestrator.js';
import { CLUSTER_SHORT } from '../src/profile.js';
import { formatReport, type TortureReport } from '../src/report.js';

describe('the short torture run on the cluster', () => {
  it('keeps every invariant while instances, the stream leader and the primary are killed', async () => {
    const progress: string[] = [];
    let report: TortureReport;
    try {
      report = await runTorture({
        profile: CLUSTER_SHORT,
        log: runLogger({ write: (line: string) => progress.push(line) }),
      });
    } catch (error) {
      console.log(`the run could not complete; its progress:\n${progress.join('')}`);
      throw error;
    }
    if (report.violations > 0 || report.faults.some((f) => !f.happened))
      console.log(formatReport(report));

    // Every fault really happened, with its evidence.
    expect(report.faults.map((f) => [f.kind, f.happened])).toEqual([
      ['kill -9 an allocation instance', true],
      ['kill -9 a reporting instance', true],
      ['kill -9 the NATS stream leader', true],
      ['PostgreSQL failover', true],
    ]);
    // The failover ended in writes on the promoted standby.
    const failover = report.faults.find((f) => f.kind === 'PostgreSQL failover');
    expect(failover?.measures['failoverMs']).toBeGreaterThan(0);

    // Enough happened for the checks to mean something, through both reporting instances.
    const total = report.operations.find((o) => o.kind === 'total');
    const requests = report.operations.find((o) => o.kind === 'RequestToken');
    expect(total?.ok).toBeGreaterThanOrEqual(150);
    expect(requests?.ok).toBeGreaterThanOrEqual(75);
    expect(total?.indefinite).toBeGreaterThan(0);
    expect(report.events.committed).toBeGreaterThanOrEqual(150);
    expect(report.events.applied).toBe(report.events.committed);
    expect(Object.keys(report.events.appliedByInstance)).toEqual(['reporting-1', 'reporting-2']);
    expect(report.checks.filter((c) => c.examined === 0).map((c) => c.name)).toEqual([]);

    // And nothing broke: no event lost or doubled, every check clean.
    expect(report.checks.filter((c) => c.violations.length > 0).map((c) => c.name)).toEqual([]);
    expect(report.violations).toBe(0);
  });
});
