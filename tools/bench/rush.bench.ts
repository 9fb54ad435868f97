// The booking rush, open loop: requests arrive at a fixed offered rate whatever the answers (as
// patients do when a booking window opens), 80 % on 10 hot doctor-days of 200 places each and
// 20 % spread over 500 doctor-days with room, every request a new patient, for `seconds` per
// rate; rates step up until p99 passes 1 s. Afterwards two checks are read from the database:
// places over capacity and requests never answered (sent, but no audit row: never decided).
import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { DateTime } from 'luxon';
import pg from 'pg';
import { Source, WEEKDAYS } from '@opd/api';
import { decodeServiceError } from '@opd/service-runtime';
import {
  clients,
  createDoctors,
  openDays,
  tokenRequest,
  type DoctorDayKey,
} from './allocation-load.js';
import { KEYS, startBenchAllocation } from './bench-service.js';
import { createDatabase } from './databases.js';
import { fixed, quantile } from './stats.js';

const HOT_DAYS = 10;
/** Of every five requests, four go to the hot days (80 %). */
const HOT_OF_FIVE = 4;
/** A deadline like a portal's: an answer later than this is no answer. */
const DEADLINE_MS = 10_000;

export interface RushRow {
  readonly offeredPerSecond: number;
  readonly answeredPerSecond: number;
  readonly allocated: number;
  readonly waitlisted: number;
  /** DOCTOR_DAY_FULL, each with alternatives in its details. */
  readonly full: number;
  readonly fullWithAlternatives: number;
  readonly otherRefusals: number;
  /** No answer before the deadline, or the call failed. */
  readonly failed: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly cpuMsPerRequest: number;
  readonly overCapacity: number;
  readonly neverAnswered: number;
}

export async function benchRush(rates: readonly number[], seconds: number): Promise<RushRow[]> {
  const db = await createDatabase('opd_bench_rush');
  const service = await startBenchAllocation(db);
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  const { admin, counter } = clients(`127.0.0.1:${service.port}`, KEYS);
  try {
    // The portal opens tomorrow's bookings: every slot of the day is still ahead.
    const tomorrow = DateTime.now().setZone('Asia/Kolkata').plus({ days: 1 });
    const date = (d: number) => tomorrow.plus({ days: d }).toISODate() ?? '';
    const spreadDoctors = await createDoctors(admin, 50, 20);
    const spread = spreadDoctors.flatMap((doctorId) =>
      Array.from({ length: 10 }, (_, d) => ({ doctorId, date: date(d) })),
    );
    await openDays(counter, spread);

    const rows: RushRow[] = [];
    for (const rate of rates) {
      // Fresh hot days at every rate: 10 doctors of one department, 200 places a day each.
      const hot: DoctorDayKey[] = [];
      for (let i = 0; i < HOT_DAYS; i++) {
        const { doctor } = await admin.createDoctor({
          room: '',
          requestId: randomUUID(),
          displayName: `Dr. Rush ${rate}-${i}`,
          department: `Rush ${rate}`,
          weeklySchedule: {
            days: WEEKDAYS.map((weekday) => ({
              weekday,
              sessions: [
                { startTime: '08:00', endTime: '18:00', slotMinutes: 30, capacityPerSlot: 10 },
              ],
            })),
          },
        });
        if (doctor) hot.push({ doctorId: doctor.doctorId, date: date(0) });
      }
      const row = await rushAt(rate, seconds, hot, spread, { counter, service, pool });
      rows.push(row);
      if (row.p99Ms >= 1_000) break;
    }
    return rows;
  } finally {
    admin.close();
    counter.close();
    await pool.end();
    await service.stop();
    await db.drop();
  }
}

async function rushAt(
  rate: number,
  seconds: number,
  hot: readonly DoctorDayKey[],
  spread: readonly DoctorDayKey[],
  io: {
    counter: ReturnType<typeof clients>['counter'];
    service: { cpuMs(): number };
    pool: pg.Pool;
  },
): Promise<RushRow> {
  const latencies: number[] = [];
  const requestIds: string[] = [];
  const tally = {
    allocated: 0,
    waitlisted: 0,
    full: 0,
    fullWithAlternatives: 0,
    other: 0,
    failed: 0,
  };
  const calls: Promise<void>[] = [];
  let sent = 0;
  const total = rate * seconds;
  const cpuBefore = io.service.cpuMs();
  const started = performance.now();
  const send = () => {
    const hotOne = sent % 5 < HOT_OF_FIVE;
    const day = hotOne ? hot[sent % hot.length] : spread[(sent * 7) % spread.length];
    sent++;
    if (!day) return;
    const request = tokenRequest(
      day,
      sent % 10 === 0 ? Source.SOURCE_ONLINE : Source.SOURCE_WALK_IN,
    );
    requestIds.push(request.requestId);
    const t0 = performance.now();
    calls.push(
      io.counter.requestToken(request, { timeoutMs: DEADLINE_MS }).then(
        (answer) => {
          latencies.push(performance.now() - t0);
          if (answer.outcome?.$case === 'allocated') tally.allocated++;
          else tally.waitlisted++;
        },
        (error: unknown) => {
          const refused = decodeServiceError(error);
          if (refused.code === status.DEADLINE_EXCEEDED || refused.code === status.UNAVAILABLE) {
            tally.failed++;
            return;
          }
          latencies.push(performance.now() - t0);
          if (refused.reason === 'DOCTOR_DAY_FULL') {
            tally.full++;
            if (refused.otherDetails.length > 0) tally.fullWithAlternatives++;
          } else tally.other++;
        },
      ),
    );
  };
  // Arrivals on a fixed schedule: every tick sends what is due by then, answered or not.
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
      while (sent < due) send();
      if (sent >= total) {
        clearInterval(tick);
        resolve();
      }
    }, 5);
  });
  const sendingSeconds = (performance.now() - started) / 1000;
  await Promise.all(calls);
  const cpuMs = io.service.cpuMs() - cpuBefore;
  const sorted = latencies.sort((a, b) => a - b);
  const checks = await io.pool.query<{ over: number; unanswered: number }>(
    `select
       (select count(*) from (
          select s.id from slot s join token t on t.slot_id = s.id
           where t.status in ('ALLOCATED', 'CHECKED_IN', 'COMPLETED')
           group by s.id, s.capacity having count(*) > s.capacity) x)::int as over,
       (select count(*) from unnest($1::text[]) r(id)
         where not exists (select 1 from audit_entry a where a.request_id = r.id))::int as unanswered`,
    [requestIds],
  );
  const answered = sorted.length;
  return {
    offeredPerSecond: total / sendingSeconds,
    answeredPerSecond: answered / sendingSeconds,
    allocated: tally.allocated,
    waitlisted: tally.waitlisted,
    full: tally.full,
    fullWithAlternatives: tally.fullWithAlternatives,
    otherRefusals: tally.other,
    failed: tally.failed,
    p50Ms: quantile(sorted, 0.5),
    p99Ms: quantile(sorted, 0.99),
    maxMs: sorted.at(-1) ?? 0,
    cpuMsPerRequest: answered > 0 ? cpuMs / answered : 0,
    overCapacity: checks.rows[0]?.over ?? -1,
    neverAnswered: checks.rows[0]?.unanswered ?? -1,
  };
}

export function rushTable(rows: readonly RushRow[]) {
  return rows.map((r) => ({
    'offered /s': Math.round(r.offeredPerSecond),
    'answered /s': Math.round(r.answeredPerSecond),
    allocated: r.allocated,
    waitlisted: r.waitlisted,
    'full (with alternatives)': `${r.full} (${r.fullWithAlternatives})`,
    'other refusals': r.otherRefusals,
    'no answer': r.failed,
    'p50 / p99 / max ms': `${fixed(r.p50Ms)} / ${fixed(r.p99Ms)} / ${fixed(r.maxMs)}`,
    'CPU ms/req': fixed(r.cpuMsPerRequest, 2),
    'over capacity': r.overCapacity,
    'never answered': r.neverAnswered,
  }));
}

/** The highest offered rate held with p99 < 1 s, nothing over capacity and nothing unanswered. */
export function rushHeld(rows: readonly RushRow[]): number {
  return Math.max(
    0,
    ...rows
      .filter(
        (r) => r.p99Ms < 1_000 && r.overCapacity === 0 && r.neverAnswered === 0 && r.failed === 0,
      )
      .map((r) => r.offeredPerSecond),
  );
}
