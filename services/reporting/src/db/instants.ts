/**
 * A timestamptz as the drivers hand it over — epoch milliseconds (how the row mappers select
 * them), a Date from `pg`, or text such as `2026-11-27 03:30:00.123456+00` from MikroORM's raw
 * queries (the ORM keeps PostgreSQL's text form; our sessions are in UTC) — as a Date.
 */
export function instantOf(value: number | string | Date): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(Math.floor(value));
  const instant = new Date(utcMillis(value) ?? Date.parse(iso(value)));
  if (Number.isNaN(instant.getTime())) throw new Error(`not a timestamp: ${value}`);
  return instant;
}

/** {@link instantOf} for a nullable column. */
export function optionalInstantOf(value: number | string | Date | null): Date | null {
  return value === null ? null : instantOf(value);
}

const UTC_TEXT =
  /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?(?:\+00(?::00)?|Z)$/;

/** The fast path for UTC text. */
function utcMillis(value: string): number | undefined {
  const m = UTC_TEXT.exec(value);
  if (!m) return undefined;
  const fraction = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i]));
  const millis = Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute, second, fraction);
  // Date.UTC reads years 0–99 as 1900–1999.
  return (year ?? 0) < 100 ? undefined : millis;
}

/** Any other offset: `2026-11-27 09:00:00+05:30` → ISO 8601. */
function iso(value: string): string {
  return value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
}
