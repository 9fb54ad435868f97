import type { ListAuditEntriesResponse } from '@opd/api';
import { pageSize } from '@opd/service-runtime';
import type { CommandEnv } from '../commands/command-env.js';
import { AuditEntry } from '../db/entities/index.js';
import { auditEntryMessage } from '../grpc/messages.js';

const PAGES = { default: 100, max: 1000 };

/** The audit trail in the order it was written, filtered by token, doctor, patient and local date range. */
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
): Promise<ListAuditEntriesResponse> {
  const size = pageSize(input.pageSize, PAGES);
  const { tokenId, doctorId, patientId, startDate, endDate } = input;
  const filters = JSON.stringify(['audit', tokenId, doctorId, patientId, startDate, endDate]);
  const after = env.pageTokens.read(input.pageToken, filters);
  const where: Record<string, unknown> = {};
  if (input.tokenId) where['tokenId'] = input.tokenId;
  if (input.doctorId) where['doctorId'] = input.doctorId;
  if (input.patientId) where['patientId'] = input.patientId;
  const date: Record<string, string> = {};
  if (input.startDate) date['$gte'] = input.startDate;
  if (input.endDate) date['$lte'] = input.endDate;
  if (Object.keys(date).length) where['date'] = date;
  if (after) where['seq'] = { $gt: Number(after[0]) };
  const rows = await env.orm.em.fork().find(AuditEntry, where, {
    orderBy: { seq: 'asc' },
    limit: size + 1,
  });
  const page = rows.slice(0, size);
  const last = page.at(-1);
  return {
    auditEntries: page.map(auditEntryMessage),
    nextPageToken: rows.length > size && last ? env.pageTokens.issue([last.seq], filters) : '',
  };
}
