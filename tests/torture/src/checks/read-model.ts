// The reporting read model against the allocation state it was built from, once it has caught
// up: the same tokens in the same status, slot and number; the same day figures; the same
// events applied, each once; nothing parked; and the summaries it serves agree.
import { TokenStatus, type DailySummary } from '@opd/api';
import type { AllocationSnapshot } from '../allocation-snapshot.js';
import type { ReportingSnapshot } from '../reporting-snapshot.js';
import { Check, countBy, groupBy, HELD, type CheckResult } from './check.js';

const STATUS_NAMES: Readonly<Partial<Record<TokenStatus, string>>> = {
  [TokenStatus.TOKEN_STATUS_ALLOCATED]: 'ALLOCATED',
  [TokenStatus.TOKEN_STATUS_CHECKED_IN]: 'CHECKED_IN',
  [TokenStatus.TOKEN_STATUS_COMPLETED]: 'COMPLETED',
  [TokenStatus.TOKEN_STATUS_CANCELLED]: 'CANCELLED',
  [TokenStatus.TOKEN_STATUS_NO_SHOW]: 'NO_SHOW',
  [TokenStatus.TOKEN_STATUS_PREEMPTED]: 'PREEMPTED',
};

export function checkReadModel(
  state: AllocationSnapshot,
  report: ReportingSnapshot,
  summaries: readonly DailySummary[],
): CheckResult[] {
  const tokens = new Check('reporting token_record equals allocation token, field by field');
  const records = new Map(report.tokens.map((t) => [t.token_id, t]));
  for (const t of state.tokens) {
    const r = records.get(t.id);
    const differs =
      r &&
      [
        r.status !== t.status && `status ${r.status} vs ${t.status}`,
        r.slot_id !== t.slot_id && 'slot',
        r.token_number !== t.number && `number ${r.token_number} vs ${t.number}`,
        r.patient_id !== t.patient_id && 'patient',
        r.doctor_day_id !== t.doctor_day_id && 'doctor-day',
        r.source !== t.source && 'source',
        r.priority !== t.priority && 'priority',
        r.preempted !== (t.status === 'PREEMPTED') && 'preempted flag',
        r.promoted !== (t.promoted_from_entry_id !== null) && 'promoted flag',
      ].filter(Boolean);
    tokens.look(
      (!r && `token ${t.id} (#${t.number}) is missing from the read model`) ||
        (differs && differs.length > 0 && `token ${t.id}: ${differs.join(', ')}`),
    );
  }
  const known = new Set(state.tokens.map((t) => t.id));
  report.tokens
    .filter((r) => !known.has(r.token_id))
    .forEach((r) => tokens.fail(`the read model has token ${r.token_id}, allocation does not`));

  const days = new Check("reporting day figures, positions and applied events equal allocation's");
  const reportDays = new Map(report.days.map((d) => [d.doctor_day_id, d]));
  const positions = new Map(report.positions.map((p) => [p.doctor_day_id, p]));
  const slots = groupBy(state.slots, (s) => s.doctor_day_id);
  const entries = groupBy(state.entries, (e) => e.doctor_day_id);
  const outboxCount = countBy(state.outbox, (o) => o.doctor_day_id);
  for (const day of state.days) {
    const r = reportDays.get(day.id);
    const p = positions.get(day.id);
    const daySlots = slots.get(day.id) ?? [];
    const dayEntries = entries.get(day.id) ?? [];
    const status = (s: string) => dayEntries.filter((e) => e.status === s).length;
    const expected = {
      slot_count: daySlots.length,
      capacity: daySlots.reduce((sum, s) => sum + s.capacity, 0),
      waitlist_added_count: dayEntries.length,
      waitlist_promoted_count: status('PROMOTED'),
      waitlist_cancelled_count: status('CANCELLED'),
      waitlist_expired_count: status('EXPIRED'),
    };
    const wrong = r
      ? (Object.keys(expected) as (keyof typeof expected)[]).filter((k) => r[k] !== expected[k])
      : ['the whole day'];
    days.look(
      (wrong.length > 0 && `doctor-day ${day.id}: ${wrong.join(', ')} differ`) ||
        ((p?.applied_sequence ?? 0) !== day.event_sequence &&
          `doctor-day ${day.id}: applied up to ${p?.applied_sequence ?? 0} of ${day.event_sequence}`) ||
        ((p?.applied_count ?? 0) !== (outboxCount.get(day.id) ?? 0) &&
          `doctor-day ${day.id}: ${p?.applied_count ?? 0} events applied, ${outboxCount.get(day.id) ?? 0} committed`),
    );
  }
  const applied = new Set(report.appliedEventIds);
  const missing = state.outbox.filter((o) => !applied.has(o.id)).length;
  if (missing > 0 || applied.size !== state.outbox.length)
    days.fail(
      `${missing} committed events not applied; ${applied.size} applied of ${state.outbox.length}`,
    );
  report.parked.forEach((p) =>
    days.fail(`parked event ${p.event_id ?? '?'}: ${p.reason} ${p.error}`),
  );

  return [tokens.result(), days.result(), checkSummaries(state, summaries)];
}

/** ListDailySummaries, through gRPC, against counts from the allocation tables. */
function checkSummaries(
  state: AllocationSnapshot,
  summaries: readonly DailySummary[],
): CheckResult {
  const check = new Check('ListDailySummaries agrees with the allocation tables');
  const byDay = new Map(summaries.map((s) => [s.doctorDayId, s]));
  const tokens = groupBy(state.tokens, (t) => t.doctor_day_id);
  const entries = groupBy(state.entries, (e) => e.doctor_day_id);
  const slots = groupBy(state.slots, (s) => s.doctor_day_id);
  for (const day of state.days) {
    const s = byDay.get(day.id);
    const dayTokens = tokens.get(day.id) ?? [];
    const count = (status: string) => dayTokens.filter((t) => t.status === status).length;
    const expected: Record<string, number> = {
      tokenCount: dayTokens.length,
      capacity: (slots.get(day.id) ?? []).reduce((sum, x) => sum + x.capacity, 0),
      occupancy: dayTokens.filter((t) => HELD.includes(t.status)).length,
      noShowCount: count('NO_SHOW'),
      preemptionCount: count('PREEMPTED'),
      promotionCount: dayTokens.filter((t) => t.promoted_from_entry_id !== null).length,
      waitlistAddedCount: (entries.get(day.id) ?? []).length,
      waitlistExpiredCount: (entries.get(day.id) ?? []).filter((e) => e.status === 'EXPIRED')
        .length,
    };
    const actual: Record<string, number> = s
      ? {
          tokenCount: s.tokenCount,
          capacity: s.capacity,
          occupancy: s.occupancy,
          noShowCount: s.noShowCount,
          preemptionCount: s.preemptionCount,
          promotionCount: s.promotionCount,
          waitlistAddedCount: s.waitlistAddedCount,
          waitlistExpiredCount: s.waitlistExpiredCount,
        }
      : {};
    for (const { status, count: n } of s?.tokensByStatus ?? []) {
      const name = STATUS_NAMES[status] ?? String(status);
      expected[`status ${name}`] = count(name);
      actual[`status ${name}`] = n;
    }
    const wrong = Object.keys(expected).filter((k) => actual[k] !== expected[k]);
    check.look(
      (!s && `doctor-day ${day.id} has no summary`) ||
        (wrong.length > 0 &&
          `doctor-day ${day.id}: ${wrong.map((k) => `${k} ${actual[k]} vs ${expected[k]}`).join(', ')}`),
    );
  }
  return check.result();
}
