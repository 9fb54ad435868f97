// Reports from the reporting service: filters, the daily summary chart, the token table page by
// page, and the CSV export.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportFilters } from '../../../shared/ipc-contract.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { addDays, todayIn } from '../../dates.js';
import { useShortcuts } from '../../hooks/use-shortcuts.js';
import { call } from '../../opd.js';
import { useSettings } from '../../settings.js';
import { ExportPanel } from './ExportPanel.js';
import { FilterBar } from './FilterBar.js';
import { figuresByDay, SummaryChart } from './SummaryChart.js';
import { TokenTable } from './TokenTable.js';

const PAGE_SIZE = 25;

export function ReportsScreen() {
  const { t } = useTranslation();
  const { timeZone, reportingAddress } = useSettings();
  const today = todayIn(timeZone);
  const [filters, setFilters] = useState<ReportFilters>({
    startDate: addDays(today, -6),
    endDate: today,
    doctorId: '',
    statuses: [],
    sources: [],
  });
  // The page tokens that led to each page shown so far; the last one is the current page.
  const [pages, setPages] = useState<string[]>(['']);
  const pageToken = pages[pages.length - 1] ?? '';

  const doctors = useQuery({
    queryKey: ['doctors', true],
    queryFn: () => call('listDoctors', { includeInactive: true }),
  });
  const summaries = useQuery({
    queryKey: ['summaries', filters.startDate, filters.endDate, filters.doctorId],
    queryFn: () =>
      call('listDailySummaries', {
        startDate: filters.startDate,
        endDate: filters.endDate,
        doctorId: filters.doctorId,
      }),
    enabled: reportingAddress !== null,
  });
  const tokens = useQuery({
    queryKey: ['token-records', filters, pageToken],
    queryFn: () => call('listTokenRecords', { ...filters, pageSize: PAGE_SIZE, pageToken }),
    enabled: reportingAddress !== null,
    placeholderData: keepPreviousData,
  });

  const changeFilters = (next: ReportFilters) => {
    setFilters(next);
    setPages(['']);
  };
  const nextToken = tokens.data?.nextPageToken ?? '';
  const next = () => nextToken !== '' && setPages((known) => [...known, nextToken]);
  const previous = () => setPages((known) => (known.length > 1 ? known.slice(0, -1) : known));
  useShortcuts({
    'Alt+ArrowRight': next,
    'Alt+ArrowLeft': previous,
    'Alt+f': () => document.querySelector<HTMLInputElement>('input[name="report-start"]')?.focus(),
  });

  if (reportingAddress === null) {
    return <p className="hint">{t('reports.notSetUp')}</p>;
  }
  const days = figuresByDay(summaries.data ?? []);
  const unfiltered = filters.statuses.length === 0 && filters.sources.length === 0;
  return (
    <div className="reports-screen">
      <FilterBar filters={filters} doctors={doctors.data ?? []} onChange={changeFilters} />
      <ExportPanel
        filters={filters}
        expectedRows={unfiltered && summaries.data ? days.reduce((n, d) => n + d.tokens, 0) : null}
      />
      <ErrorMessage error={summaries.error ?? tokens.error} />
      <SummaryChart days={days} />
      <TokenTable
        rows={tokens.data?.rows ?? []}
        page={pages.length - 1}
        hasNext={nextToken !== ''}
        loading={tokens.isFetching}
        onNext={next}
        onPrevious={previous}
      />
    </div>
  );
}
