// "Export CSV": ExportTokens streamed into a file staff chose, with progress events and cancel.
// Rows go to "<file>.part" first and the file appears under its name only when complete, so a
// cancelled or failed export never leaves a file that looks finished.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { ExportTokensResponse } from '@opd/api';
import type { ExportStart, ReportFilters } from '../../shared/ipc-contract.js';
import { csvHeader, csvRow } from './csv.js';
import type { HandlerDeps } from './deps.js';
import { toIpcError } from './ipc-error.js';
import { filterMessage, reportingOf } from './reports.js';
import { tokenRecordView } from './to-view.js';

export class TokenExports {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly deps: HandlerDeps) {}

  async start(filters: ReportFilters): Promise<ExportStart> {
    const reporting = reportingOf(this.deps);
    const suggested = `opd-tokens-${filters.startDate}-to-${filters.endDate}.csv`;
    const filePath = await this.deps.chooseExportFile(suggested);
    if (filePath === null) return { started: false };
    const exportId = this.deps.newId();
    const controller = new AbortController();
    this.running.set(exportId, controller);
    const stream = reporting.exportTokens(filterMessage(filters), {
      signal: controller.signal,
      timeoutMs: this.deps.settings.exportTimeoutMs,
    });
    void this.write(exportId, filePath, stream, controller.signal).finally(() =>
      this.running.delete(exportId),
    );
    return { started: true, exportId, filePath };
  }

  cancel(exportId: string): void {
    this.running.get(exportId)?.abort();
  }

  cancelAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }

  private async write(
    exportId: string,
    filePath: string,
    stream: AsyncIterable<ExportTokensResponse>,
    signal: AbortSignal,
  ): Promise<void> {
    const { emit } = this.deps;
    const partPath = `${filePath}.part`;
    const out = createWriteStream(partPath, { encoding: 'utf8' });
    let rows = 0;
    const progress = (state: 'running' | 'done' | 'cancelled') =>
      emit('onExportProgress', { exportId, state, rows, filePath, error: null });
    try {
      progress('running');
      out.write(csvHeader());
      for await (const batch of stream) {
        const chunk = batch.tokenRecords.map((r) => csvRow(tokenRecordView(r))).join('');
        rows += batch.tokenRecords.length;
        if (!out.write(chunk)) await once(out, 'drain', { signal });
        progress('running');
      }
      out.end();
      await once(out, 'finish');
      await rename(partPath, filePath);
      progress('done');
    } catch (error) {
      out.destroy();
      await rm(partPath, { force: true });
      if (signal.aborted) {
        progress('cancelled');
        return;
      }
      emit('onExportProgress', {
        exportId,
        state: 'failed',
        rows,
        filePath,
        error: toIpcError(error, { service: 'reporting' }),
      });
    }
  }
}
