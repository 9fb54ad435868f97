// Streams ReportingService.ExportTokens into CSV with back-pressure: a batch is read from
// the server only when the file has taken the previous one, so memory stays flat.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type { ExportTokensRequest, TokenRecord } from '@opd/api';
import { stringify } from 'csv-stringify';
import type { ReportingClient } from '../clients.js';
import { sourceName, tokenStatusName } from '../format.js';

const iso = (instant: Date | undefined) => instant?.toISOString() ?? '';

/** The CSV columns, in order: every TokenRecord field, snake_case as in the proto. */
const COLUMNS: readonly [string, (r: TokenRecord) => string | number][] = [
  ['date', (r) => r.date],
  ['doctor_id', (r) => r.doctorId],
  ['doctor_display_name', (r) => r.doctorDisplayName],
  ['department', (r) => r.department],
  ['token_number', (r) => r.tokenNumber],
  ['token_id', (r) => r.tokenId],
  ['doctor_day_id', (r) => r.doctorDayId],
  ['patient_id', (r) => r.patientId],
  ['slot_id', (r) => r.slotId],
  ['slot_start_time', (r) => iso(r.slotStartTime)],
  ['source', (r) => sourceName(r.source)],
  ['priority', (r) => r.priority],
  ['status', (r) => tokenStatusName(r.status)],
  ['request_time', (r) => iso(r.requestTime)],
  ['allocate_time', (r) => iso(r.allocateTime)],
  ['check_in_time', (r) => iso(r.checkInTime)],
  ['complete_time', (r) => iso(r.completeTime)],
  ['cancel_time', (r) => iso(r.cancelTime)],
  ['no_show_time', (r) => iso(r.noShowTime)],
  ['preempt_time', (r) => iso(r.preemptTime)],
  ['preempted', (r) => String(r.preempted)],
  ['promoted', (r) => String(r.promoted)],
  ['call_time', (r) => iso(r.callTime)],
  ['skip_count', (r) => r.skipCount],
  ['recall_count', (r) => r.recallCount],
  ['transfer_time', (r) => iso(r.transferTime)],
  ['transferred_from_token_id', (r) => r.transferredFromTokenId],
  ['transferred_to_token_id', (r) => r.transferredToTokenId],
];

export interface ExportOptions {
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
}

/**
 * Writes the export as CSV (header first) into `sink`; returns the number of rows. The sink
 * is ended when done unless `keepOpen` (standard output must stay open).
 */
export async function exportTokensCsv(
  client: ReportingClient,
  request: ExportTokensRequest,
  sink: Writable,
  options: ExportOptions & { readonly keepOpen?: boolean },
): Promise<number> {
  const csv = stringify({ header: true, columns: COLUMNS.map(([name]) => name) });
  const piping = options.keepOpen
    ? (csv.pipe(sink, { end: false }), finished(csv))
    : pipeline(csv, sink);
  // Awaited below; this only keeps a failure of ours from also surfacing as unhandled.
  piping.catch(() => undefined);
  let rows = 0;
  try {
    for await (const batch of client.exportTokens(request, {
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    })) {
      for (const record of batch.tokenRecords) {
        // A sink that fails (disk full, permission) ends the wait as well as the pipeline.
        if (!csv.write(COLUMNS.map(([, value]) => value(record)))) {
          await Promise.race([once(csv, 'drain'), piping]);
        }
        rows++;
      }
    }
    csv.end();
    await piping;
  } catch (error) {
    csv.destroy();
    throw error;
  }
  return rows;
}

/**
 * Exports into a file that appears only when complete: rows go to `<file>.partial`, renamed
 * at the end and removed on failure, so a broken export never looks like a finished one.
 */
export async function exportTokensToFile(
  client: ReportingClient,
  request: ExportTokensRequest,
  file: string,
  options: ExportOptions,
): Promise<number> {
  const partial = `${file}.partial`;
  const sink = createWriteStream(partial);
  try {
    const rows = await exportTokensCsv(client, request, sink, options);
    await rename(partial, file);
    return rows;
  } catch (error) {
    sink.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}
