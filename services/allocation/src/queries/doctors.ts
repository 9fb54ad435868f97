import type { EntityManager } from '@mikro-orm/postgresql';
import { pageSize } from '@opd/service-runtime';
import { Doctor, ScheduleOverride } from '../db/entities/index.js';
import type { CommandEnv } from '../commands/command-env.js';
import { Refusal } from '../commands/refusal.js';

const PAGES = { default: 50, max: 500 };

export async function findDoctor(em: EntityManager, doctorId: string): Promise<Doctor> {
  const doctor = await em.findOne(Doctor, doctorId);
  if (!doctor) throw new Refusal({ code: 'DOCTOR_NOT_FOUND', doctorId });
  return doctor;
}

export function getDoctor(env: CommandEnv, doctorId: string): Promise<Doctor> {
  return findDoctor(env.orm.em.fork(), doctorId);
}

/** One page of a list, and the token for the next ('' at the end). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextPageToken: string;
}

/** Doctors by department and name, active only unless asked; keyset-paginated. */
export async function listDoctors(
  env: CommandEnv,
  input: { department: string; showInactive: boolean; pageSize: number; pageToken: string },
): Promise<Page<Doctor>> {
  const size = pageSize(input.pageSize, PAGES);
  const filters = JSON.stringify(['doctors', input.department, input.showInactive]);
  const after = env.pageTokens.read(input.pageToken, filters);
  const where: Record<string, unknown> = {};
  if (input.department) where['department'] = input.department;
  if (!input.showInactive) where['active'] = true;
  if (after) {
    const [department, name, id] = after.map(String);
    where['$or'] = [
      { department: { $gt: department } },
      { department, displayName: { $gt: name } },
      { department, displayName: name, id: { $gt: id } },
    ];
  }
  const rows = await env.orm.em.fork().find(Doctor, where, {
    orderBy: { department: 'asc', displayName: 'asc', id: 'asc' },
    limit: size + 1,
  });
  const page = rows.slice(0, size);
  const last = page.at(-1);
  return {
    items: page,
    nextPageToken:
      rows.length > size && last
        ? env.pageTokens.issue([last.department, last.displayName, last.id], filters)
        : '',
  };
}

export async function listScheduleOverrides(
  env: CommandEnv,
  input: {
    doctorId: string;
    startDate: string;
    endDate: string;
    pageSize: number;
    pageToken: string;
  },
): Promise<Page<ScheduleOverride>> {
  const size = pageSize(input.pageSize, PAGES);
  const filters = JSON.stringify(['overrides', input.doctorId, input.startDate, input.endDate]);
  const after = env.pageTokens.read(input.pageToken, filters);
  const em = env.orm.em.fork();
  await findDoctor(em, input.doctorId);
  const date: Record<string, string> = {};
  if (input.startDate) date['$gte'] = input.startDate;
  if (input.endDate) date['$lte'] = input.endDate;
  if (after) date['$gt'] = String(after[0]);
  const rows = await em.find(
    ScheduleOverride,
    { doctorId: input.doctorId, ...(Object.keys(date).length ? { date } : {}) },
    { orderBy: { date: 'asc' }, limit: size + 1 },
  );
  const page = rows.slice(0, size);
  const last = page.at(-1);
  return {
    items: page,
    nextPageToken: rows.length > size && last ? env.pageTokens.issue([last.date], filters) : '',
  };
}
