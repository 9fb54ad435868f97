import { sweepDoctorDay, type SweepOutcome } from '@opd/engine';
import type { Logger } from '@opd/service-runtime';
import { SYSTEM_ACTOR, type CommandEnv } from '../commands/command-env.js';
import { NOT_STORED } from '../commands/reply.js';

export interface SweepReport {
  readonly doctorDays: number;
  readonly noShows: number;
  readonly promoted: number;
  readonly expired: number;
}

/**
 * The periodic pass: marks overdue tokens NO_SHOW, promotes the waitlist into the freed places,
 * and expires waitlists of days that are over. Each doctor-day's sweep is one more request in
 * that day's batch (commands/doctor-day-batch.ts), under its lock like any other; with several
 * instances each may sweep a day, and the second finds nothing left to do.
 */
export async function sweepOnce(env: CommandEnv): Promise<SweepReport> {
  const now = new Date(env.clock.now());
  const grace = env.hospital.policy.noShowGraceMinutes;
  const candidates = await env.writePool.query<{ doctor_id: string; date: string }>(
    `select d.doctor_id, d.date::text as date from doctor_day d
      where d.id in (
        select t.doctor_day_id from token t join slot s on s.id = t.slot_id
         where t.status = 'ALLOCATED'
           and greatest(s.starts_at, t.allocated_at) + make_interval(mins => $1) <= $2
        union
        select w.doctor_day_id from waitlist_entry w
         where w.status = 'WAITING'
           and not exists (select 1 from slot s where s.doctor_day_id = w.doctor_day_id and s.ends_at > $2))`,
    [grace, now],
  );
  let report: SweepReport = { doctorDays: 0, noShows: 0, promoted: 0, expired: 0 };
  const call = {
    method: 'SweepDoctorDay',
    actor: SYSTEM_ACTOR,
    requestId: '',
    signal: new AbortController().signal,
    deadline: undefined,
  };
  for (const row of candidates.rows) {
    const day = { doctorId: row.doctor_id, date: row.date };
    const swept = await env.batcher.submit<SweepOutcome>(day, {
      call,
      requestHash: undefined,
      stored: NOT_STORED,
      auditOnRefusal: day,
      opensDay: false,
      decide(view, ctx) {
        const outcome = sweepDoctorDay(view.day, ctx.engine);
        return {
          day: outcome.day,
          events: outcome.events,
          audit: { ...day, doctorDayId: view.day.id },
          answer: () => outcome,
        };
      },
    });
    if (swept.events.length === 0) continue;
    report = {
      doctorDays: report.doctorDays + 1,
      noShows: report.noShows + swept.noShows.length,
      promoted: report.promoted + swept.promoted.length,
      expired: report.expired + swept.expired.length,
    };
  }
  return report;
}

/** Runs `sweepOnce` every `intervalMs` until stopped; a failed pass is logged and retried. */
export function startSweeper(
  env: CommandEnv,
  intervalMs: number,
  log: Logger,
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running
      .then(() => sweepOnce(env))
      .then((r) => {
        if (r.doctorDays > 0) log.info(r, 'sweep marked no-shows, promoted and expired');
      })
      .catch((error: unknown) => log.error({ err: error }, 'sweep failed; will try again'));
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
