import type { PositionShape } from '@opd/service-runtime';

/**
 * What each list's page tokens hold, by the list name its queries put first in their filters:
 * a token that does not fit is refused as INVALID_PAGE_TOKEN before it reaches the database,
 * even when it is correctly signed.
 */
export const REPORTING_PAGE_POSITIONS: Readonly<Record<string, PositionShape>> = {
  // date, doctor_id, token_number (queries/list-tokens.ts)
  tokens: ['date', 'uuid', 'count'],
  // date, doctor_id (queries/daily-summaries.ts)
  summaries: ['date', 'uuid'],
};
