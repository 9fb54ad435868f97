// Dates as the hospital sees them: "YYYY-MM-DD" local calendar dates in its time zone.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The local date of `instant` in `zone`, e.g. localDate('Asia/Kolkata') → "2026-11-27". */
export function localDate(zone: string, instant: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** The local wall-clock time "HH:MM" of `instant` in `zone`. */
export function localTime(zone: string, instant: Date): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}

/** A calendar date `days` after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
  const [, y, m, d] = ISO_DATE.exec(date) ?? [];
  const utc = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d) + days));
  return utc.toISOString().slice(0, 10);
}

/** True for a real calendar date written YYYY-MM-DD (no 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match;
  const utc = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return utc.toISOString().slice(0, 10) === value;
}

/** A date argument: "today", "tomorrow", "yesterday", "+N" days from today, or YYYY-MM-DD. */
export function resolveDate(value: string, zone: string, now: Date = new Date()): string {
  const today = localDate(zone, now);
  if (value === 'today') return today;
  if (value === 'tomorrow') return addDays(today, 1);
  if (value === 'yesterday') return addDays(today, -1);
  const relative = /^([+-]\d{1,4})$/.exec(value);
  if (relative) return addDays(today, Number(relative[1]));
  return value;
}

/** The weekday (1 = Monday … 7 = Sunday) of a calendar date, as in opd.v1.Weekday. */
export function weekdayOf(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}
