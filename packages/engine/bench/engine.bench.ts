// The engine alone: a 40-doctor, 2,000-patient OPD day played through the pure operations.
// Prints operations per second and per-operation latency; no I/O is measured here.
import {
  cancelToken,
  checkInToken,
  completeToken,
  DEFAULT_POLICY,
  openDoctorDay,
  planSlots,
  requestToken,
  SOURCES,
  startOfLocalDay,
  sweepDoctorDay,
  type Context,
  type DoctorDay,
  type Source,
} from '../src/index.js';

const DOCTORS = 40;
const PATIENTS = 2_000;
const DATE = '2026-11-27';
const ZONE = 'Asia/Kolkata';
const MIX: readonly [Source, number][] = [
  ['EMERGENCY', 0.03],
  ['PAID', 0.12],
  ['FOLLOW_UP', 0.2],
  ['WALK_IN', 0.4],
  ['ONLINE', 0.25],
];

let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pickSource = (): Source => {
  let r = random();
  for (const [source, share] of MIX) if ((r -= share) < 0) return source;
  return SOURCES[3];
};

let idCounter = 0;
const newId = () => `id-${++idCounter}`;
const dayStartsAt = startOfLocalDay(DATE, ZONE);
const at = (minutesAfterMidnight: number) => dayStartsAt + minutesAfterMidnight * 60_000;
const ctx = (now: number): Context => ({ now, newId, policy: DEFAULT_POLICY });

function playDay(): { ops: number; latencies: number[] } {
  const slots = planSlots(
    [{ start: '09:00', end: '13:00', slotMinutes: 15, capacityPerSlot: 3 }],
    DATE,
    ZONE,
  );
  const days: DoctorDay[] = Array.from(
    { length: DOCTORS },
    (_, i) =>
      openDoctorDay(
        { doctorDayId: `d${i}`, doctorId: `doc${i}`, date: DATE, dayStartsAt },
        slots,
        ctx(at(420)),
      ).day,
  );
  const latencies: number[] = [];
  const time = <T>(fn: () => T): T => {
    const start = process.hrtime.bigint();
    const value = fn();
    latencies.push(Number(process.hrtime.bigint() - start) / 1_000);
    return value;
  };
  for (let p = 0; p < PATIENTS; p++) {
    const now = at(420 + Math.floor((p / PATIENTS) * 300));
    const d = Math.floor(random() * DOCTORS);
    const day = days[d] as DoctorDay;
    const out = time(() =>
      requestToken(day, { patientId: `p${p}`, source: pickSource() }, ctx(now)),
    );
    if (out.ok) days[d] = out.value.day;
    const roll = random();
    const current = days[d] as DoctorDay;
    const token = current.tokens[Math.floor(random() * current.tokens.length)];
    if (!token) continue;
    if (roll < 0.1) {
      const res = time(() => cancelToken(current, token.id, 'bench', ctx(now)));
      if (res.ok) days[d] = res.value.day;
    } else if (roll < 0.4) {
      const res = time(() => checkInToken(current, token.id, ctx(now)));
      if (res.ok) {
        const done = time(() => completeToken(res.value.day, token.id, ctx(now)));
        days[d] = done.ok ? done.value.day : res.value.day;
      }
    }
    if (p % 100 === 0) {
      for (let i = 0; i < DOCTORS; i++)
        days[i] = time(() => sweepDoctorDay(days[i] as DoctorDay, ctx(now))).day;
    }
  }
  return { ops: latencies.length, latencies };
}

const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

playDay(); // warm-up
const runs = 5;
const all: number[] = [];
let ops = 0;
const started = process.hrtime.bigint();
for (let r = 0; r < runs; r++) {
  const result = playDay();
  ops += result.ops;
  all.push(...result.latencies);
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
all.sort((a, b) => a - b);
console.table([
  {
    scenario: `${DOCTORS} doctors, ${PATIENTS} patients, ${runs} days`,
    operations: ops,
    'ops/s': Math.round(ops / seconds),
    'p50 µs': percentile(all, 0.5).toFixed(1),
    'p99 µs': percentile(all, 0.99).toFixed(1),
  },
]);
