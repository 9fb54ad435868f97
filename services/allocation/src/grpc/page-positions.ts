import type { PositionShape } from '@opd/service-runtime';

/**
 * What each list's page tokens hold, by the list name its queries put first in their filters
 * (queries/*.ts): a token that does not fit is refused as INVALID_PAGE_TOKEN before it reaches
 * the database, even when it is correctly signed.
 */
export const ALLOCATION_PAGE_POSITIONS: Readonly<Record<string, PositionShape>> = {
  // occurred_at (epoch ms), seq
  audit: ['instant', 'count'],
  // date, doctor_id
  'doctor-days': ['date', 'uuid'],
  // department, display_name, id
  doctors: ['text', 'text', 'uuid'],
  // date
  overrides: ['date'],
};
