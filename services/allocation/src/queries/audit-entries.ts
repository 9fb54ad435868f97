import { pageSize } from '@opd/service-runtime';
import type { CommandEnv } from '../commands/command-env.js';
import { AuditEntry } from '../db/entities/index.js';
import type { Page } from './doctors.js';
import { localDayStart } from '../hospital.js';

const PAGES = { default: 50, max: 500 };

/**
 * The audit trail newest first (by occurred_at, then latest written), filtered by token, doctor,
 * patient and the hospital-local dates the entries occurred on.
 */
export async function listAuditEntries(
  env: CommandEnv,
  input: {
    tokenId: string;
    doctorId: string;
    patientId: string;
    startDate: string;
    endDate: string;
    pageSize: number;
    pageToken: string;
  },
): Promise<Page<AuditEntry>> {
  const size = pageSize(input.pageSize, PAGES);
  const { tokenId, doctorId, patientId, startDate, endDate } = input;
  const filters = JSON.stringify(['audit', tokenId, doctorId, patientId, startDate, endDate]);
  const after = env.pageTokens.read(input.pageToken, filters);
  const conditions: Record<string, unknown>[] = [];
  if (tokenId) conditions.push({ tokenId });
  if (doctorId) conditions.push({ doctorId });
  if (patientId) conditions.push({ patientId });
  if (startDate) conditions.push({ occurredAt: { $gte: localDayStart(env.hospital, startDate) } });
  if (endDate) conditions.push({ occurredAt: { $lt: localDayStart(env.hospital, endDate, 1) } });
  if (after) {
    // Keyset: strictly older than the last entry of the previous page.
    const occurredAt = new Date(Number(after[0]));
    const seq = Number(after[1]);
    conditions.push({
      $or: [{ occurredAt: { $lt: occurredAt } }, { occurredAt, seq: { $lt: seq } }],
    });
  }
  const rows = await env.orm.em
    .fork()
    .find(AuditEntry, conditions.length ? { $and: conditions } : {}, {
      orderBy: [{ occurredAt: 'desc' }, { seq: 'desc' }],
      limit: size + 1,
    });
  const page = rows.slice(0, size);
  const last = page.at(-1);
  return {
    items: page,
    nextPageToken:
      rows.length > size && last
        ? env.pageTokens.issue([last.occurredAt.getTime(), last.seq], filters)
        : '',
  };
}
