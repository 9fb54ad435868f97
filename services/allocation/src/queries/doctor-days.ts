import { pageSize } from '@opd/service-runtime';
import type { CommandEnv } from '../commands/command-env.js';
import { findDoctor, type Page } from './doctors.js';

/** An opened doctor-day's figures. */
export interface DoctorDaySummary {
  readonly doctorDayId: string;
  readonly doctorId: string;
  readonly date: string;
  readonly capacity: number;
  readonly occupancy: number;
  readonly waitingCount: number;
}

const PAGES = { default: 50, max: 500 };

interface SummaryRow {
  id: string;
  doctor_id: string;
  date: string;
  capacity: string | number;
  occupancy: string | number;
  waiting: string | number;
}

/**
 * Doctor-days that exist (were opened), with capacity, occupancy and waiting counts; an unknown
 * doctor is NOT_FOUND rather than an empty list.
 */
export async function listDoctorDays(
  env: CommandEnv,
  input: {
    doctorId: string;
    startDate: string;
    endDate: string;
    pageSize: number;
    pageToken: string;
  },
): Promise<Page<DoctorDaySummary>> {
  const size = pageSize(input.pageSize, PAGES);
  if (input.doctorId) await findDoctor(env.orm.em.fork(), input.doctorId);
  const filters = JSON.stringify(['doctor-days', input.doctorId, input.startDate, input.endDate]);
  const after = env.pageTokens.read(input.pageToken, filters);
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (input.doctorId) {
    conditions.push('d.doctor_id = ?');
    params.push(input.doctorId);
  }
  if (input.startDate) {
    conditions.push('d.date >= ?');
    params.push(input.startDate);
  }
  if (input.endDate) {
    conditions.push('d.date <= ?');
    params.push(input.endDate);
  }
  if (after) {
    conditions.push('(d.date, d.doctor_id) > (?::date, ?::uuid)');
    params.push(String(after[0]), String(after[1]));
  }
  const rows = await env.orm.em.fork().execute<SummaryRow[]>(
    `select d.id, d.doctor_id, to_char(d.date, 'YYYY-MM-DD') as date,
            coalesce((select sum(s.capacity) from slot s where s.doctor_day_id = d.id), 0) as capacity,
            coalesce((select sum(s.occupancy) from slot s where s.doctor_day_id = d.id), 0) as occupancy,
            (select count(*) from waitlist_entry w where w.doctor_day_id = d.id and w.status = 'WAITING') as waiting
       from doctor_day d
      ${conditions.length ? `where ${conditions.join(' and ')}` : ''}
      order by d.date, d.doctor_id
      limit ${size + 1}`,
    params,
  );
  const page = rows.slice(0, size);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      doctorDayId: r.id,
      doctorId: r.doctor_id,
      date: r.date,
      capacity: Number(r.capacity),
      occupancy: Number(r.occupancy),
      waitingCount: Number(r.waiting),
    })),
    nextPageToken:
      rows.length > size && last ? env.pageTokens.issue([last.date, last.doctor_id], filters) : '',
  };
}
