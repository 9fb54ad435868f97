// Weekly schedules written on the command line, one session per --session flag:
//   DAYS=START-END/MINUTESxCAPACITY     e.g.  mon-sat=09:00-13:00/15x3
// DAYS is a day (mon), a range (mon-fri), a list (mon,wed,fri), "weekdays" or "daily".
import { type DaySchedule, type Session, Weekday, type WeeklySchedule, WEEKDAYS } from '@opd/api';
import { InvalidArgumentError } from 'commander';

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** One --session flag: the weekdays it repeats on and the session itself. */
export interface SessionSpec {
  readonly weekdays: readonly Weekday[];
  readonly session: Session;
}

const FORMAT = 'expected DAYS=HH:MM-HH:MM/MINUTESxCAPACITY, e.g. mon-sat=09:00-13:00/15x3';

function dayIndex(name: string): number {
  const index = DAY_NAMES.indexOf(name.slice(0, 3) as (typeof DAY_NAMES)[number]);
  if (index < 0) throw new InvalidArgumentError(`unknown day '${name}' (mon … sun). ${FORMAT}`);
  return index;
}

function parseDays(days: string): Weekday[] {
  const text = days.trim().toLowerCase();
  if (text === 'daily' || text === 'all') return [...WEEKDAYS];
  if (text === 'weekdays') return WEEKDAYS.slice(0, 5);
  const picked = new Set<number>();
  for (const part of text.split(',')) {
    const [from, to] = part.split('-');
    const start = dayIndex(from ?? '');
    const end = to === undefined ? start : dayIndex(to);
    if (end < start) throw new InvalidArgumentError(`day range '${part}' runs backwards`);
    for (let i = start; i <= end; i++) picked.add(i);
  }
  return [...picked].sort((a, b) => a - b).map((i) => WEEKDAYS[i] ?? Weekday.WEEKDAY_UNSPECIFIED);
}

/** "9:30" → "09:30"; a time that is not on a 24-hour clock (25:00, 09:60) is refused. */
function timeOfDay(text: string): string {
  const [hours = '', minutes = ''] = text.split(':');
  if (Number(hours) > 23 || Number(minutes) > 59) {
    throw new InvalidArgumentError(`${text} is not a time of day (00:00 to 23:59). ${FORMAT}`);
  }
  return text.padStart(5, '0');
}

/**
 * Parses one --session value. Times are checked here, so a typo is one line naming the flag
 * rather than the service's refusal once per weekday; the service checks the rest (overlaps,
 * whole slots).
 */
export function parseSessionSpec(value: string): SessionSpec {
  const match = /^([a-z,-]+)=(\d{1,2}:\d{2})-(\d{1,2}:\d{2})\/(\d+)x(\d+)$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError(FORMAT);
  const [, days = '', start = '', end = '', minutes = '', capacity = ''] = match;
  const startTime = timeOfDay(start);
  const endTime = timeOfDay(end);
  if (endTime <= startTime) {
    throw new InvalidArgumentError(`the session ends (${endTime}) before it starts (${startTime})`);
  }
  return {
    weekdays: parseDays(days),
    session: {
      startTime,
      endTime,
      slotMinutes: Number(minutes),
      capacityPerSlot: Number(capacity),
    },
  };
}

/** Folds --session flags into a weekly schedule, weekdays in order, sessions by start. */
export function weeklyScheduleOf(specs: readonly SessionSpec[]): WeeklySchedule {
  const byDay = new Map<Weekday, Session[]>();
  for (const spec of specs) {
    for (const weekday of spec.weekdays)
      byDay.set(weekday, [...(byDay.get(weekday) ?? []), spec.session]);
  }
  const days: DaySchedule[] = WEEKDAYS.filter((w) => byDay.has(w)).map((weekday) => ({
    weekday,
    sessions: (byDay.get(weekday) ?? []).sort((a, b) => a.startTime.localeCompare(b.startTime)),
  }));
  return { days };
}

const SHORT_DAY: Readonly<Record<number, string>> = {
  [Weekday.WEEKDAY_MONDAY]: 'Mon',
  [Weekday.WEEKDAY_TUESDAY]: 'Tue',
  [Weekday.WEEKDAY_WEDNESDAY]: 'Wed',
  [Weekday.WEEKDAY_THURSDAY]: 'Thu',
  [Weekday.WEEKDAY_FRIDAY]: 'Fri',
  [Weekday.WEEKDAY_SATURDAY]: 'Sat',
  [Weekday.WEEKDAY_SUNDAY]: 'Sun',
};

const describeSession = (s: Session) =>
  `${s.startTime}-${s.endTime} (${s.slotMinutes} min x ${s.capacityPerSlot})`;

/** Weekdays as short runs: [1,2,3,5] → "Mon-Wed,Fri". */
function describeDays(weekdays: readonly number[]): string {
  const sorted = [...new Set(weekdays)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (sorted[j + 1] === (sorted[j] ?? 0) + 1) j++;
    const first = SHORT_DAY[sorted[i] ?? 0] ?? '?';
    runs.push(j === i ? first : `${first}-${SHORT_DAY[sorted[j] ?? 0] ?? '?'}`);
    i = j + 1;
  }
  return runs.join(',');
}

/** Each distinct session with the weekdays it runs on, earliest start first. */
function sessionsByDays(
  schedule: WeeklySchedule | undefined,
): { session: Session; days: number[] }[] {
  const groups = new Map<string, { session: Session; days: number[] }>();
  for (const day of schedule?.days ?? []) {
    for (const session of day.sessions) {
      const key = describeSession(session);
      const group = groups.get(key) ?? { session, days: [] };
      group.days.push(day.weekday);
      groups.set(key, group);
    }
  }
  return [...groups.values()].sort(
    (a, b) =>
      a.session.startTime.localeCompare(b.session.startTime) || (a.days[0] ?? 0) - (b.days[0] ?? 0),
  );
}

/**
 * A schedule as readable lines, one per distinct session with the days it runs on:
 * "Mon-Sat      09:00-13:00 (15 min x 3)", "Mon,Wed,Fri  16:00-19:00 (10 min x 2)".
 */
export function describeWeeklySchedule(schedule: WeeklySchedule | undefined): string[] {
  const groups = sessionsByDays(schedule);
  if (groups.length === 0) return ['no weekly sessions'];
  const labels = groups.map((g) => describeDays(g.days));
  const width = Math.max(...labels.map((l) => l.length));
  return groups.map((g, i) => `${(labels[i] ?? '').padEnd(width)}  ${describeSession(g.session)}`);
}

/** The same in one short line for tables: "Mon-Sat 09:00-13:00, Mon,Wed,Fri 16:00-19:00". */
export function summariseWeeklySchedule(schedule: WeeklySchedule | undefined): string {
  const byDays = new Map<string, string[]>();
  for (const { session, days } of sessionsByDays(schedule)) {
    const label = describeDays(days);
    byDays.set(label, [...(byDays.get(label) ?? []), `${session.startTime}-${session.endTime}`]);
  }
  return byDays.size === 0
    ? '-'
    : [...byDays].map(([days, times]) => `${days} ${times.join(' & ')}`).join(', ');
}
