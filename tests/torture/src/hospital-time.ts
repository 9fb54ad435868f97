// Calendar arithmetic in the hospital's zone. The zone itself is noonZone() from
// @opd/service-runtime/testing: the services keep real time, so the run picks a zone where it is
// late morning now, and today has a running slot and hours of live slots after it.

/** The local date in `zone`, `YYYY-MM-DD`. */
export function localDate(zone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(now);
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
