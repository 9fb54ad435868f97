// The check that no event was applied twice across the reporting instances and that each
// doctor-day's events were applied in sequence order, against planted violations.
import { describe, expect, it } from '@jest/globals';
import { checkAppliedOrder } from '../src/checks/applied-order.js';
import type { AppliedRow, ReportingSnapshot } from '../src/reporting-snapshot.js';

const T = Date.parse('2026-11-30T05:00:00Z');

const applied = (day: string, sequence: number, committedAt: number | null): AppliedRow => ({
  event_id: `${day}-event-${sequence}`,
  doctor_day_id: day,
  sequence,
  committed_at: committedAt,
});

function snapshot(rows: AppliedRow[], counted: Record<string, number> = {}): ReportingSnapshot {
  const days = [...new Set(rows.map((r) => r.doctor_day_id))];
  return {
    days: [],
    tokens: [],
    positions: days.map((day) => {
      const mine = rows.filter((r) => r.doctor_day_id === day);
      return {
        doctor_day_id: day,
        applied_sequence: Math.max(...mine.map((r) => r.sequence)),
        applied_count: counted[day] ?? mine.length,
      };
    }),
    appliedEventIds: rows.map((r) => r.event_id),
    applied: rows,
    parked: [],
  };
}

describe('the applied-order check', () => {
  it('passes events applied once each, in order, some in one transaction', () => {
    const result = checkAppliedOrder(
      snapshot([
        applied('a', 1, T),
        applied('a', 2, T),
        applied('a', 3, T + 5),
        applied('b', 1, T + 1),
      ]),
    );
    expect(result.examined).toBe(2);
    expect(result.violations).toEqual([]);
  });

  it('finds a later event committed before an earlier one of its day', () => {
    const result = checkAppliedOrder(
      snapshot([applied('a', 1, T + 10), applied('a', 2, T), applied('a', 3, T + 20)]),
    );
    expect(result.violations).toEqual([
      'doctor-day a: sequence 2 committed 10 ms before sequence 1',
    ]);
  });

  it('finds an event applied twice, a missing one, and a server without commit times', () => {
    const twice = checkAppliedOrder(snapshot([applied('a', 1, T), applied('a', 2, T)], { a: 3 }));
    expect(twice.violations).toEqual(['doctor-day a: 3 applications counted for 2 events']);

    const gap = checkAppliedOrder(snapshot([applied('a', 1, T), applied('a', 3, T)]));
    expect(gap.violations).toEqual(['doctor-day a: sequence 3 in place 2']);

    const blind = checkAppliedOrder(snapshot([applied('a', 1, null)]));
    expect(blind.violations).toEqual(['doctor-day a: no commit time for sequence 1']);
  });
});
