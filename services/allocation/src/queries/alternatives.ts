import { LRUCache } from 'lru-cache';
import { isLive } from '@opd/engine';
import type { CommandEnv } from '../commands/command-env.js';
import { engineOverride, plannedSlots } from '../commands/doctor-day.js';
import { doctorDayIdOf } from '../commands/doctor-day-identity.js';
import { Refusal, type Alternative } from '../commands/refusal.js';
import { Doctor, ScheduleOverride } from '../db/entities/index.js';
import { localDate } from '../hospital.js';
import { DateTime } from 'luxon';

const MOST = 5;

/** A rush refuses many callers for the same full day at once: they share one answer a second. */
const recent = new WeakMap<CommandEnv, LRUCache<string, readonly Alternative[]>>();

/** A DOCTOR_DAY_FULL refusal with the alternatives filled in; anything else unchanged. */
export async function withAlternatives(env: CommandEnv, error: unknown): Promise<unknown> {
  if (!(error instanceof Refusal) || error.reason.code !== 'DOCTOR_DAY_FULL') return error;
  const { doctorId, date } = error.scope;
  if (!doctorId || !date) return error;
  let cache = recent.get(env);
  if (!cache) {
    cache = new LRUCache({ max: 1_000, ttl: 1_000 });
    recent.set(env, cache);
  }
  const key = `${doctorId}/${date}`;
  let alternatives = cache.get(key);
  if (!alternatives) {
    alternatives = await alternativesTo(env, doctorId, date);
    cache.set(key, alternatives);
  }
  return new Refusal(error.reason, { ...error.scope, alternatives });
}

interface OpenDayRoom {
  readonly doctor_id: string;
  readonly date: string;
  readonly free: number;
  readonly first_free_time: string;
}

/**
 * Up to five doctor-days with room for someone refused on a full one (DESIGN.md §3 step 6): the
 * same doctor's next days, then the department's other active doctors from the same date, each
 * group earliest first, within the booking horizon. Days not opened yet have their whole
 * schedule free.
 */
export async function alternativesTo(
  env: CommandEnv,
  doctorId: string,
  date: string,
): Promise<Alternative[]> {
  const em = env.orm.em.fork();
  const doctor = await em.findOne(Doctor, doctorId);
  if (!doctor) return [];
  const now = env.clock.now();
  const today = localDate(env.hospital, now);
  const last = DateTime.fromISO(today).plus({ days: env.hospital.bookingHorizonDays }).toISODate();
  if (!last || date > last) return [];
  const colleagues = await em.find(
    Doctor,
    { department: doctor.department, active: true, id: { $ne: doctorId } },
    { orderBy: { displayName: 'asc', id: 'asc' } },
  );
  const doctors = [doctor, ...colleagues];
  const ids = doctors.map((d) => d.id);
  const rooms = await env.writePool.query<OpenDayRoom>(
    `select d.doctor_id, d.date::text as date, sum(s.capacity - s.occupancy)::int as free,
            min(s.local_start) as first_free_time
       from doctor_day d join slot s on s.doctor_day_id = d.id
      where d.doctor_id = any($1::uuid[]) and d.date between $2::date and $3::date
        and s.ends_at > $4 and s.occupancy < s.capacity
      group by d.doctor_id, d.date`,
    [ids, date, last, new Date(now)],
  );
  const opened = await env.writePool.query<{ doctor_id: string; date: string }>(
    `select doctor_id, date::text as date from doctor_day
      where doctor_id = any($1::uuid[]) and date between $2::date and $3::date`,
    [ids, date, last],
  );
  const roomOf = new Map(rooms.rows.map((r) => [`${r.doctor_id}/${r.date}`, r]));
  const isOpen = new Set(opened.rows.map((r) => `${r.doctor_id}/${r.date}`));
  const overrides = await em.find(ScheduleOverride, {
    doctorId: { $in: ids },
    date: { $gte: date, $lte: last },
  });
  const overrideOf = new Map(overrides.map((o) => [`${o.doctorId}/${o.date}`, o]));

  const found: Alternative[] = [];
  const consider = (d: Doctor, day: string): void => {
    const key = `${d.id}/${day}`;
    const base = { doctorId: d.id, doctorName: d.displayName, department: d.department, date: day };
    if (isOpen.has(key)) {
      const room = roomOf.get(key);
      if (room && room.free > 0) {
        found.push({ ...base, freePlaces: room.free, firstFreeTime: room.first_free_time });
      }
      return;
    }
    const slots = plannedSlots(
      doctorDayIdOf(d.id, day),
      d.weeklySchedule,
      engineOverride(overrideOf.get(key) ?? null),
      day,
      env.hospital.timeZone,
    ).filter((s) => isLive({ ...s, id: '' }, now) && s.capacity > 0);
    const [first] = slots;
    if (first) {
      const freePlaces = slots.reduce((sum, s) => sum + s.capacity, 0);
      found.push({ ...base, freePlaces, firstFreeTime: first.localStart });
    }
  };
  const dates = datesBetween(date, last);
  for (const day of dates.slice(1)) {
    if (found.length >= MOST) return found;
    consider(doctor, day);
  }
  for (const day of dates) {
    for (const colleague of colleagues) {
      if (found.length >= MOST) return found;
      consider(colleague, day);
    }
  }
  return found;
}

function datesBetween(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let d = DateTime.fromISO(first); ; d = d.plus({ days: 1 })) {
    const iso = d.toISODate();
    if (!iso || iso > last) return dates;
    dates.push(iso);
  }
}
