import { resolveDate } from './dates.js';
import { UsageError } from './errors.js';

/**
 * `--from` and `--to` (default: the same day) as local dates; a range that runs backwards is
 * refused before any call (exit 2), as the service would refuse it.
 */
export function dateRange(from: string, to: string | undefined, zone: string) {
  const startDate = resolveDate(from, zone);
  const endDate = to ? resolveDate(to, zone) : startDate;
  if (startDate > endDate)
    throw new UsageError(`--from (${startDate}) is after --to (${endDate}).`);
  return { startDate, endDate };
}
