import { sweepDoctorDay } from '@opd/engine';
import type { Logger } from '@opd/service-runtime';
import { addAuditEntry, SUCCEEDED } from '../commands/audit.js';
import { SYSTEM_ACTOR, type CommandEnv } from '../commands/command-env.js';
import { saveDoctorDay, tryLockDoctorDay } from '../commands/doctor-day.js';
import { engineContext } from '../commands/engine-context.js';
import { inTransaction } from '../commands/transaction.js';

export interface SweepReport {
  readonly doctorDays: number;
  readonly noShows: number;
  readonly promoted: number;
  readonly expired: number;
}

/**
 * The periodic pass: marks overdue tokens NO_SHOW, promotes the waitlist into the freed places,
 * and expires waitlists of days that are over, each doctor-day in its own locked transaction.
 * Safe with several instances: a day locked by anyone else is skipped (SKIP LOCKED) this round.
 */
export async function sweepOnce(env: CommandEnv): Promise<SweepReport> {
  const now = new Date(env.clock.now());
  const grace = env.hospital.policy.noShowGraceMinutes;
  const candidates = await env.orm.em.fork().execute<{ doctor_day_id: string }[]>(
    `select t.doctor_day_id from token t join slot s on s.id = t.slot_id
      where t.status = 'ALLOCATED'
        and greatest(s.starts_at, t.allocated_at) + make_interval(mins => ?) <= ?
     union
     select w.doctor_day_id from waitlist_entry w
      where w.status = 'WAITING'
        and not exists (select 1 from slot s where s.doctor_day_id = w.doctor_day_id and s.ends_at > ?)`,
    [grace, now, now],
  );
  let report: SweepReport = { doctorDays: 0, noShows: 0, promoted: 0, expired: 0 };
  const call = { signal: new AbortController().signal, deadline: undefined };
  for (const { doctor_day_id: id } of candidates) {
    const swept = await inTransaction(env, call, async (em) => {
      const locked = await tryLockDoctorDay(em, id);
      if (!locked) return undefined;
      const outcome = sweepDoctorDay(locked.day, engineContext(env));
      if (outcome.events.length === 0) return undefined;
      await saveDoctorDay(em, env, locked, outcome, { actor: SYSTEM_ACTOR, requestId: '' });
      const sweep = { method: 'SweepDoctorDay', actor: SYSTEM_ACTOR, requestId: '' };
      addAuditEntry(em, env, sweep, SUCCEEDED, {
        doctorId: locked.day.doctorId,
        doctorDayId: locked.day.id,
        date: locked.day.date,
      });
      return outcome;
    });
    if (!swept) continue;
    report = {
      doctorDays: report.doctorDays + 1,
      noShows: report.noShows + swept.noShows.length,
      promoted: report.promoted + swept.promoted.length,
      expired: report.expired + swept.expired.length,
    };
  }
  if (report.doctorDays > 0) env.onCommit?.();
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
