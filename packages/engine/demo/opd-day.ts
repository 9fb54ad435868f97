// Plays one OPD morning of one doctor through the engine and prints what the counter would see.
// It needs no database or broker: `npm run demo -w @opd/engine`.
import {
  cancelToken,
  DEFAULT_POLICY,
  openDoctorDay,
  planSlots,
  requestToken,
  startOfLocalDay,
  sweepDoctorDay,
  type Context,
  type DoctorDay,
  type DomainEvent,
  type Source,
} from '../src/index.js';

const DATE = '2026-11-27';
const ZONE = 'Asia/Kolkata';
const dayStartsAt = startOfLocalDay(DATE, ZONE);
const clock = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return dayStartsAt + (h * 60 + m) * 60_000;
};
let nextId = 0;
const ctx = (hhmm: string): Context => ({
  now: clock(hhmm),
  newId: () => `#${++nextId}`,
  policy: DEFAULT_POLICY,
});

let day: DoctorDay = openDoctorDay(
  { doctorDayId: 'dr-rao-2026-11-27', doctorId: 'dr-rao', date: DATE, dayStartsAt },
  planSlots([{ start: '09:00', end: '10:00', slotMinutes: 30, capacityPerSlot: 2 }], DATE, ZONE),
  ctx('07:00'),
).day;

const say = (time: string, what: string, events: readonly DomainEvent[]) =>
  console.log(`${time}  ${what.padEnd(44)} → ${events.map((e) => e.type).join(', ') || 'refused'}`);

const arrivals: [string, string, Source][] = [
  ['08:00', 'asha', 'ONLINE'],
  ['08:05', 'bala', 'WALK_IN'],
  ['08:10', 'chitra', 'WALK_IN'],
  ['08:12', 'dev', 'FOLLOW_UP'],
  ['08:20', 'esha', 'WALK_IN'],
  ['08:30', 'farid', 'EMERGENCY'],
  ['08:31', 'gita', 'PAID'],
];
for (const [time, patientId, source] of arrivals) {
  const out = requestToken(day, { patientId, source }, ctx(time));
  if (!out.ok) {
    say(time, `${patientId} (${source})`, []);
    continue;
  }
  day = out.value.day;
  const v = out.value;
  const detail = v.kind === 'ALLOCATED' ? `token ${v.token.number}` : `waitlist #${v.position}`;
  say(time, `${patientId} (${source}) gets ${detail}`, v.events);
}
const cancelled = day.tokens.find((t) => t.patientId === 'bala' && t.status === 'ALLOCATED');
if (cancelled) {
  const out = cancelToken(day, cancelled.id, 'patient called', ctx('08:40'));
  if (out.ok) {
    day = out.value.day;
    say('08:40', `${cancelled.patientId} cancels token ${cancelled.number}`, out.value.events);
  }
}
const sweep = sweepDoctorDay(day, ctx('09:15'));
day = sweep.day;
say(
  '09:15',
  `sweeper: ${sweep.noShows.length} no-shows, ${sweep.promoted.length} promoted`,
  sweep.events,
);

console.log('\nBoard at 09:15');
for (const slot of day.slots) {
  const tokens = day.tokens.filter((t) => t.slotId === slot.id);
  console.log(
    `  ${slot.localStart}-${slot.localEnd} cap ${slot.capacity}: ${tokens.map((t) => `#${t.number} ${t.patientId} ${t.source} ${t.status}`).join(' | ')}`,
  );
}
const waiting = day.waitlist.filter((e) => e.status === 'WAITING');
console.log(
  `  waitlist: ${waiting.map((e) => `${e.patientId} (${e.source})`).join(', ') || 'empty'}`,
);
