// The read model's own record of what it applied, per doctor-day: each event once (even with
// two reporting instances sharing the durable consumer, and one of them killed holding events),
// and in sequence order — event n+1 of a day committed no earlier than event n, by the
// commit timestamps PostgreSQL kept for the transactions that applied them.
import type { PositionRow, ReportingSnapshot } from '../reporting-snapshot.js';
import { Check, groupBy, type CheckResult } from './check.js';

export function checkAppliedOrder(report: ReportingSnapshot): CheckResult {
  const check = new Check(
    'no event applied twice across reporting instances; each doctor-day in sequence order',
  );
  const positions = new Map<string, PositionRow>(report.positions.map((p) => [p.doctor_day_id, p]));
  const ids = new Set<string>();
  for (const row of report.applied) {
    if (ids.has(row.event_id)) check.fail(`event ${row.event_id} was recorded as applied twice`);
    ids.add(row.event_id);
  }
  for (const [day, rows] of groupBy(report.applied, (r) => r.doctor_day_id)) {
    const events = [...rows].sort((a, b) => a.sequence - b.sequence);
    const problems: string[] = [];
    events.forEach((event, i) => {
      if (event.sequence !== i + 1) problems.push(`sequence ${event.sequence} in place ${i + 1}`);
      if (event.committed_at === null)
        problems.push(`no commit time for sequence ${event.sequence}`);
      const before = events[i - 1];
      if (
        before?.committed_at != null &&
        event.committed_at !== null &&
        event.committed_at < before.committed_at
      )
        problems.push(
          `sequence ${event.sequence} committed ${before.committed_at - event.committed_at} ms before sequence ${before.sequence}`,
        );
    });
    // Each application counts once in the position; more than the events means one twice.
    const counted = positions.get(day)?.applied_count ?? 0;
    if (counted !== events.length)
      problems.push(`${counted} applications counted for ${events.length} events`);
    check.look(problems.length > 0 && `doctor-day ${day}: ${problems.slice(0, 3).join('; ')}`);
  }
  return check.result();
}
