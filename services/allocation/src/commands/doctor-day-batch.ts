import { isDatabaseUnavailable } from '@opd/service-runtime';
import { beginBatch, commitBatch, type OpenedBatch } from '../db/batch-statements.js';
import { classifyDatabaseError } from '../db/database-errors.js';
import { storedDayFromJson } from '../db/doctor-day-store.js';
import { nameKey } from '../patient-name.js';
import type { CommandEnv } from './command-env.js';
import type { CachedDay } from './day-cache.js';
import { dayViewOf, type DayView } from './day-view.js';
import { decideBatch, type LockedDay, type WorkResult } from './decide-batch.js';
import type { DayRef, Queued } from './doctor-day-batcher.js';
import { dayKeyOf, doctorDayIdOf } from './doctor-day-identity.js';
import {
  openDoctorDay,
  startOfLocalDay,
  type ScheduleOverride,
  type WeeklySchedule,
} from '@opd/engine';
import { plannedSlots } from './doctor-day.js';
import { Refusal } from './refusal.js';

/**
 * One batch of one doctor-day in one transaction (docs/adr/0014-doctor-day-batches.md):
 * [BEGIN; open_doctor_day_batch] (stored answers, patients, the doctor, then the day's row lock
 * and its rows unless this process already holds them at that event sequence); the engine
 * decides every request in arrival order; [apply_doctor_day_change (the change, every answer and
 * audit row); COMMIT]. Two round trips, however many requests.
 *
 * A caller who gives up before the commit is left out: the batch is decided again without them.
 * Lock timeouts and deadlocks are retried; any other failure of a batch of several is retried one
 * request at a time, so one bad request cannot refuse the others.
 */
export async function runDoctorDayBatch(
  env: CommandEnv,
  day: DayRef,
  batch: readonly Queued[],
): Promise<void> {
  const key = dayKeyOf(day);
  let live = leaveOutAborted(batch);
  for (let attempt = 1; live.length > 0;) {
    const client = await env.writePool.connect().catch((error: unknown) => error as Error);
    if (client instanceof Error) {
      live.forEach((q) => q.reject(client));
      return;
    }
    let released = false;
    const release = (error?: unknown) => {
      if (released) return;
      released = true;
      client.release(error === undefined ? undefined : asError(error));
    };
    const end = async (statement: 'rollback') => {
      await client.query(statement);
      release();
    };
    let decided: ReturnType<typeof decideBatch> | undefined;
    try {
      const cached = env.dayCache.get(key);
      const opened = await beginBatch(client, batchInput(env, day, live, cached));
      const works = live.map((q) => q.work);
      decided = decideBatch(works, opened, lockedDay(env, day, opened, cached), {
        newId: env.newId,
        now: env.clock.now(),
        policy: env.hospital.policy,
        describeFailure: env.describeFailure,
      });
      if (live.some((q) => q.work.call.signal.aborted)) {
        // Someone gave up before the commit: they must not find their request half there.
        await end('rollback');
        env.dayCache.forget(key);
        live = leaveOutAborted(live);
        continue;
      }
      await commitBatch(client, decided.write);
      release();
    } catch (error) {
      env.dayCache.forget(key);
      if (!released) await end('rollback').catch(() => release(error));
      const failure = classifyDatabaseError(error);
      if (failure.kind === 'retryable' && attempt < env.transactions.maxAttempts) {
        await sleep(backoffMs(attempt++));
        live = leaveOutAborted(live);
        continue;
      }
      if (failure.kind === 'retryable') {
        return rejectAll(live, new Refusal({ code: 'CONCURRENT_UPDATE' }, day));
      }
      if (failure.kind === 'timeout') return rejectAll(live, new Refusal({ code: 'OUT_OF_TIME' }));
      if (live.length > 1 && !isDatabaseUnavailable(error)) {
        for (const one of live) await runDoctorDayBatch(env, day, [one]);
        return;
      }
      return rejectAll(live, error);
    }
    if (decided.next) env.dayCache.set(key, decided.next);
    env.onBatch?.(live.length);
    const changed = decided.write.day;
    if (changed && changed.outbox.length > 0) {
      env.onCommit?.([
        { doctorDayId: changed.doctorDayId, sequence: changed.counters.eventSequence },
      ]);
    }
    settle(live, decided.results);
    return;
  }
}

function batchInput(
  env: CommandEnv,
  day: DayRef,
  live: readonly Queued[],
  cached: CachedDay | undefined,
) {
  const now = new Date(env.clock.now()).toISOString();
  const works = live.map((q) => q.work);
  const deadlines = works.map((w) => w.call.deadline?.getTime() ?? Infinity);
  const left = Math.max(...deadlines) - Date.now();
  return {
    doctorId: day.doctorId,
    date: day.date,
    lockTimeoutMs: Math.min(env.transactions.lockTimeoutMs, Math.max(1, left)),
    ...(cached
      ? {
          known: {
            doctorDayId: cached.view.day.id,
            eventSequence: cached.view.day.eventSequence,
          },
        }
      : {}),
    requests: works
      .filter((w) => w.requestHash !== undefined)
      .map((w) => ({ caller: w.call.actor.keyName, request_id: w.call.requestId })),
    newPatients: works.flatMap((w) =>
      w.patient && 'phone' in w.patient
        ? [
            {
              id: env.newId(),
              phone: w.patient.phone,
              name: w.patient.name,
              name_key: nameKey(w.patient.name),
              created_at: now,
            },
          ]
        : [],
    ),
    patientIds: works.flatMap((w) =>
      w.patient && 'patientId' in w.patient ? [w.patient.patientId] : [],
    ),
    // A day this process holds is open already; only a new one needs its row's values.
    ...(!cached && works.some((w) => w.opensDay)
      ? {
          openAs: {
            id: doctorDayIdOf(day.doctorId, day.date),
            timeZone: env.hospital.timeZone,
            dayStartsAt: new Date(startOfLocalDay(day.date, env.hospital.timeZone)).toISOString(),
            createdAt: now,
          },
        }
      : {}),
  };
}

/**
 * The locked day: read fresh when it changed since this process last held it; a day this batch
 * opened starts blank and gets its slots from the schedule (with the ids its board showed).
 */
export function lockedDay(
  env: CommandEnv,
  ref: DayRef,
  opened: OpenedBatch,
  cached: CachedDay | undefined,
): LockedDay | undefined {
  const row = opened.day;
  if (!row || !opened.doctor) return undefined;
  const doctor = {
    id: opened.doctor.id,
    displayName: opened.doctor.display_name,
    department: opened.doctor.department,
    active: opened.doctor.active,
  };
  const header = {
    id: row.id,
    doctorId: ref.doctorId,
    date: ref.date,
    timeZone: row.time_zone,
    dayStartsAt: Date.parse(row.day_starts_at),
    nextTokenNumber: row.next_token_number,
    nextEntryNumber: row.next_entry_number,
    eventSequence: row.event_sequence,
  };
  if (row.opened_now) {
    const blank = held(dayViewOf(header, EMPTY_DAY), doctor);
    const override = opened.override
      ? ({ date: ref.date, ...opened.override } as ScheduleOverride)
      : undefined;
    const slots = plannedSlots(
      row.id,
      opened.schedule as WeeklySchedule,
      override,
      ref.date,
      row.time_zone,
    );
    const opening = openDoctorDay(
      {
        doctorDayId: row.id,
        doctorId: ref.doctorId,
        date: ref.date,
        dayStartsAt: header.dayStartsAt,
      },
      slots,
      { now: env.clock.now(), newId: env.newId, policy: env.hospital.policy },
    );
    return { held: blank, opening };
  }
  if (!opened.state) {
    if (!cached) throw new Error('open_doctor_day_batch skipped the read of a day not held');
    return { held: cached };
  }
  return { held: held(dayViewOf(header, storedDayFromJson(opened.state)), doctor) };
}

const EMPTY_DAY = storedDayFromJson({ slots: [], tokens: [], waitlist: [], names: {} });

function held(view: DayView, doctor: CachedDay['doctor']): CachedDay {
  // The maps are this entry's own: batches extend them in place.
  const names = new Map(view.patientNames);
  const notes = new Map(view.notes);
  const cancelReasons = new Map(view.cancelReasons);
  return {
    view: { ...view, patientNames: names, notes, cancelReasons },
    doctor,
    names,
    notes,
    cancelReasons,
  };
}

function leaveOutAborted(batch: readonly Queued[]): Queued[] {
  const live: Queued[] = [];
  for (const q of batch) {
    if (q.work.call.signal.aborted) q.reject(q.work.call.signal.reason);
    else live.push(q);
  }
  return live;
}

function settle(live: readonly Queued[], results: readonly WorkResult[]): void {
  live.forEach((q, i) => {
    const result = results[i];
    if (!result) q.reject(new Error('a batch left a request undecided'));
    else if (result.ok) q.resolve(result.answer);
    else q.reject(result.error);
  });
}

function rejectAll(live: readonly Queued[], error: unknown): void {
  live.forEach((q) => q.reject(error));
}

const asError = (error: unknown): Error =>
  error instanceof Error ? error : new Error(String(error));

/** 10, 20, 40 … ms, capped at 500, with full jitter so retries of one hot day spread out. */
const backoffMs = (attempt: number): number =>
  Math.random() * Math.min(500, 10 * 2 ** (attempt - 1));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
