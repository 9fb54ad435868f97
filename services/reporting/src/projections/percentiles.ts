// The middle and the 90th percentile of a day's consultations and waits (DailySummary), over
// values sorted in ascending order.

/**
 * The middle value, or the mean of the two middle values for an even count; undefined for
 * none.
 *
 * @example median([7, 9, 12, 15]) // 10.5
 */
export function median(sorted: readonly number[]): number | undefined {
  const n = sorted.length;
  if (n === 0) return undefined;
  const upper = sorted[Math.floor(n / 2)] as number;
  return n % 2 === 1 ? upper : ((sorted[n / 2 - 1] as number) + upper) / 2;
}

/**
 * The nearest-rank percentile: the ⌈percent × n / 100⌉-th smallest value (never interpolated,
 * always one of the values); undefined for none. `percent × n` is a whole number, so the
 * division is exact whenever the rank is.
 *
 * @example nearestRank([7, 9, 12, 15], 90) // 15 (rank ⌈3.6⌉ = 4)
 */
export function nearestRank(sorted: readonly number[], percent: number): number | undefined {
  const n = sorted.length;
  if (n === 0) return undefined;
  const rank = Math.min(n, Math.max(1, Math.ceil((percent * n) / 100)));
  return sorted[rank - 1];
}
