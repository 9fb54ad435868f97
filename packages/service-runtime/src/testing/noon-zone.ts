/** A zone where the local hour is now in [from, to), or undefined. */
function zoneWithHour(from: number, to: number, now: Date): string | undefined {
  for (let offset = -12; offset <= 14; offset++) {
    // Etc/GMT-5 is five hours AHEAD of UTC (POSIX sign convention).
    const zone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
    const hour = Number(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: zone,
        hour: '2-digit',
        hourCycle: 'h23',
      }).format(now),
    );
    if (hour >= from && hour < to) return zone;
  }
  return undefined;
}

/**
 * A time zone where it is now between 10:00 and 13:59, so that "today" still has hours of
 * live slots whenever the tests run. The services keep real time; the zone is ours to pick.
 */
export function noonZone(now: Date = new Date()): string {
  const zone = zoneWithHour(10, 14, now);
  if (!zone) throw new Error('no zone has a late morning now');
  return zone;
}

/** A time zone where it is now between 20:00 and 23:59: an OPD's day there is over. */
export function eveningZone(now: Date = new Date()): string {
  const zone = zoneWithHour(20, 24, now);
  if (!zone) throw new Error('no zone has a late evening now');
  return zone;
}
