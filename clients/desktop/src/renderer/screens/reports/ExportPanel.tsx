// "Export CSV": the main process asks where to save, streams ExportTokens into the file and
// reports progress; staff can cancel. The file only appears once it is complete.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportProgress, ReportFilters } from '../../../shared/ipc-contract.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { useShortcuts } from '../../hooks/use-shortcuts.js';
import { call, OpdError } from '../../opd.js';

interface Props {
  readonly filters: ReportFilters;
  /** Rows expected, when the summaries can tell (no status or source filter); else null. */
  readonly expectedRows: number | null;
}

export function ExportPanel({ filters, expectedRows }: Props) {
  const { t } = useTranslation();
  const [exportId, setExportId] = useState<string | null>(null);
  const [progress, setProgress] = useState<Readonly<Record<string, ExportProgress>>>({});
  const [error, setError] = useState<unknown>(null);
  const [asking, setAsking] = useState(false);

  // Subscribe before starting: the first progress can arrive before startExport answers.
  useEffect(
    () =>
      window.opd.onExportProgress((event) =>
        setProgress((known) => ({ ...known, [event.exportId]: event })),
      ),
    [],
  );

  const current = exportId ? progress[exportId] : undefined;
  const running = asking || (exportId !== null && (!current || current.state === 'running'));

  const start = async () => {
    if (running) return;
    setError(null);
    setAsking(true);
    try {
      const answer = await call('startExport', filters);
      setExportId(answer.started ? answer.exportId : null);
    } catch (failure) {
      setError(failure);
    } finally {
      setAsking(false);
    }
  };
  const cancel = () => {
    if (exportId && running) void call('cancelExport', { exportId });
  };
  useShortcuts({ 'Alt+e': () => void start(), Escape: cancel });

  return (
    <section className="export" aria-label={t('reports.exportRegion')}>
      <button className="primary" onClick={() => void start()} disabled={running}>
        {t('reports.export')} <kbd>Alt+E</kbd>
      </button>
      {running && exportId && (
        <button onClick={cancel}>
          {t('reports.cancelExport')} <kbd>Esc</kbd>
        </button>
      )}
      {current && (
        <div className="export-progress" data-testid="export-progress" data-state={current.state}>
          {current.state === 'running' &&
            (expectedRows ? (
              <progress value={current.rows} max={Math.max(expectedRows, current.rows)} />
            ) : (
              <progress />
            ))}
          <span>
            {current.state === 'running' && t('reports.rowsWritten', { count: current.rows })}
            {current.state === 'done' &&
              t('reports.saved', { count: current.rows, file: current.filePath })}
            {current.state === 'cancelled' && t('reports.cancelled')}
            {current.state === 'failed' && t('reports.failed')}
          </span>
          {current.error && <ErrorMessage error={new OpdError(current.error)} />}
        </div>
      )}
      <ErrorMessage error={error} />
    </section>
  );
}
