// Reports from the reporting read model: token rows page by page, and daily summaries.
import type { InvokeMap, ReportFilters, TokenPage } from '../../shared/ipc-contract.js';
import type { DailySummaryView } from '../../shared/views.js';
import type { ReportingClient } from './clients.js';
import type { HandlerDeps } from './deps.js';
import { toSource, toTokenStatus } from './enums.js';
import { DesktopError } from './ipc-error.js';
import { withRetry } from './retry.js';
import { dailySummaryView, tokenRecordView } from './to-view.js';

/** The reporting client, or a refusal in words when the desktop has none configured. */
export function reportingOf(deps: HandlerDeps): ReportingClient {
  if (deps.clients.reporting === null) {
    throw new DesktopError(
      'FAILED_PRECONDITION',
      'Reports are not set up on this desktop: it has no reporting service address. Ask IT to add one.',
      'REPORTING_NOT_CONFIGURED',
    );
  }
  return deps.clients.reporting;
}

/** The filters as the reporting service takes them. */
export const filterMessage = (filters: ReportFilters) => ({
  startDate: filters.startDate,
  endDate: filters.endDate,
  doctorId: filters.doctorId,
  statuses: filters.statuses.map(toTokenStatus),
  sources: filters.sources.map(toSource),
});

export function reportHandlers(deps: HandlerDeps) {
  return {
    async listTokenRecords(request: InvokeMap['listTokenRecords']['request']): Promise<TokenPage> {
      const reporting = reportingOf(deps);
      const page = await withRetry(() =>
        reporting.listTokens({
          ...filterMessage(request),
          pageSize: request.pageSize,
          pageToken: request.pageToken,
        }),
      );
      return { rows: page.tokenRecords.map(tokenRecordView), nextPageToken: page.nextPageToken };
    },

    async listDailySummaries(
      request: InvokeMap['listDailySummaries']['request'],
    ): Promise<DailySummaryView[]> {
      const reporting = reportingOf(deps);
      const summaries: DailySummaryView[] = [];
      let pageToken = '';
      do {
        const page = await withRetry(() =>
          reporting.listDailySummaries({ ...request, pageSize: 500, pageToken }),
        );
        summaries.push(...page.dailySummaries.map(dailySummaryView));
        pageToken = page.nextPageToken;
      } while (pageToken !== '');
      return summaries;
    },
  };
}
