import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { requestToken } from './allocate.js';
import type { Result } from './errors.js';
import { replay, type DomainEvent } from './events.js';
import { invariantViolations } from './invariants.js';
import {
  cancelToken,
  cancelWaitlistEntry,
  checkInToken,
  completeToken,
  markNoShow,
} from './lifecycle.js';
import { changeSchedule, openDoctorDay, planSlots, startOfLocalDay } from './schedule.js';
import { searchOrder, isLive } from './slots.js';
import { sweepDoctorDay } from './sweep.js';
import { at, context, DATE, ids, session, TIME_ZONE } from './testing/day-builder.js';
import { SOURCES, type Context, type DoctorDay } from './types.js';
import { choosePreemptionVictim } from './preempt.js';
import { DEFAULT_POLICY, DEFAULT_SOURCE_PRIORITY } from './priority.js';
import { findRoom } from './slots.js';
import { compareWaitlistEntries, waitingEntries, waitlistBound, wasDisplaced } from './waitlist.js';

// Random OPD mornings over three doctors: requests from every source, cancellations, check-ins,
// completions, no-shows, waitlist cancellations, schedule changes and the clock moving on.
const DAYS = 3;
const PATIENTS = 14;

const sessionArb = fc
  .record({
    startHour: fc.integer({ min: 8, max: 10 }),
    slots: fc.integer({ min: 1, max: 4 }),
    minutes: fc.constantFrom(15, 20, 30),
    capacity: fc.integer({ min: 1, max: 3 }),
  })
  .map(({ startHour, slots, minutes, capacity }) => {
    const start = startHour * 60;
    const end = start + slots * minutes;
    const hhmm = (m: number) =>
      `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    return session(hhmm(start), hhmm(end), minutes, capacity);
  });

const dayIndex = fc.integer({ min: 0, max: DAYS - 1 });
const pick = fc.nat();
const commandArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('request' as const),
      d: dayIndex,
      patient: fc.integer({ min: 0, max: PATIENTS - 1 }),
      source: fc.constantFrom(...SOURCES),
      preferred: fc.option(pick, { nil: undefined }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('cancel' as const), d: dayIndex, pick }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('checkIn' as const), d: dayIndex, pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('complete' as const), d: dayIndex, pick }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('noShow' as const), d: dayIndex, pick }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('cancelEntry' as const), d: dayIndex, pick }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('reschedule' as const),
      d: dayIndex,
      sessions: fc.array(sessionArb, { minLength: 0, maxLength: 1 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('resize' as const),
      d: dayIndex,
      capacity: fc.integer({ min: 1, max: 5 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('sweep' as const), d: dayIndex }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('advance' as const),
      minutes: fc.integer({ min: 1, max: 45 }),
    }),
  },
);
type Command = typeof commandArb extends fc.Arbitrary<infer C> ? C : never;

const scenarioArb = fc.record({
  sessions: fc.array(sessionArb, { minLength: DAYS, maxLength: DAYS }),
  commands: fc.array(commandArb, { minLength: 1, maxLength: 70, size: 'max' }),
});

interface World {
  now: number;
  sessions: ReturnType<typeof session>[];
  days: DoctorDay[];
  history: DomainEvent[][];
  newId: () => string;
}

function open(sessions: readonly ReturnType<typeof session>[]): World {
  const newId = ids('x');
  const now = at('07:30');
  const days: DoctorDay[] = [];
  const history: DomainEvent[][] = [];
  sessions.forEach((s, i) => {
    const out = openDoctorDay(
      {
        doctorDayId: `day-${i}`,
        doctorId: `doctor-${i}`,
        date: DATE,
        dayStartsAt: startOfLocalDay(DATE, TIME_ZONE),
      },
      planSlots([s], DATE, TIME_ZONE),
      { now, newId, policy: context(now).policy },
    );
    days.push(out.day);
    history.push([...out.events]);
  });
  return { now, sessions: [...sessions], days, history, newId };
}

type Step = Result<{ day: DoctorDay; events: readonly DomainEvent[] }> | undefined;

function run(world: World, cmd: Command): Step {
  if (cmd.op === 'advance') {
    world.now += cmd.minutes * 60_000;
    return undefined;
  }
  const day = world.days[cmd.d] as DoctorDay;
  const ctx: Context = { ...context(world.now), newId: world.newId };
  const tokenAt = (n: number) => day.tokens[n % Math.max(1, day.tokens.length)]?.id ?? 'none';
  switch (cmd.op) {
    case 'request': {
      const preferred =
        cmd.preferred === undefined
          ? undefined
          : day.slots[cmd.preferred % Math.max(1, day.slots.length)]?.id;
      return requestToken(
        day,
        { patientId: `p${cmd.patient}`, source: cmd.source, preferredSlotId: preferred },
        ctx,
      );
    }
    case 'cancel':
      return cancelToken(day, tokenAt(cmd.pick), 'patient asked', ctx);
    case 'checkIn':
      return checkInToken(day, tokenAt(cmd.pick), ctx);
    case 'complete':
      return completeToken(day, tokenAt(cmd.pick), ctx);
    case 'noShow':
      return markNoShow(day, tokenAt(cmd.pick), ctx);
    case 'cancelEntry':
      return cancelWaitlistEntry(
        day,
        day.waitlist[cmd.pick % Math.max(1, day.waitlist.length)]?.id ?? 'none',
        'left',
        ctx,
      );
    case 'reschedule':
      return changeSchedule(day, planSlots(cmd.sessions, DATE, TIME_ZONE), ctx);
    case 'resize': {
      const current = world.sessions[cmd.d] as ReturnType<typeof session>;
      const resized = { ...current, capacityPerSlot: cmd.capacity };
      const out = changeSchedule(day, planSlots([resized], DATE, TIME_ZONE), ctx);
      if (out.ok) world.sessions[cmd.d] = resized;
      return out;
    }
    case 'sweep':
      return { ok: true, value: sweepDoctorDay(day, ctx) };
  }
}

/** State changes between two versions of a day; a promotion (entry + its token) counts once. */
function stateChanges(before: DoctorDay, after: DoctorDay): number {
  const oldTokens = new Map(before.tokens.map((t) => [t.id, t]));
  const oldEntries = new Map(before.waitlist.map((e) => [e.id, e]));
  let changes = 0;
  for (const t of after.tokens) {
    const old = oldTokens.get(t.id);
    if (!old) changes += t.promotedFromEntryId ? 0 : 1;
    else if (old.status !== t.status) changes++;
  }
  for (const e of after.waitlist) {
    const old = oldEntries.get(e.id);
    if (!old || old.status !== e.status) changes++;
  }
  const slotKey = (d: DoctorDay) => JSON.stringify(d.slots);
  if (slotKey(before) !== slotKey(after)) changes++;
  return changes;
}

/** A full day refuses only at the bound, and only those who may be refused (§3 step 6). */
function checkWaitlistBound(
  before: DoctorDay,
  cmd: Extract<Command, { op: 'request' }>,
  step: Step,
  now: number,
): void {
  if (!step) return;
  const waiting = waitingEntries(before).length;
  const bound = waitlistBound(before, DEFAULT_POLICY);
  const exempt = cmd.source === 'EMERGENCY' || wasDisplaced(before, `p${cmd.patient}`);
  if (!step.ok) {
    if (step.error.code !== 'DOCTOR_DAY_FULL') return;
    expect(exempt).toBe(false);
    expect(waiting).toBeGreaterThanOrEqual(bound);
    expect(findRoom(before, now, undefined)).toBeUndefined();
    const victim = choosePreemptionVictim(before, now);
    if (victim) expect(victim.priority).toBeGreaterThanOrEqual(DEFAULT_SOURCE_PRIORITY[cmd.source]);
    return;
  }
  const added = step.value.events.find(
    (e) => e.type === 'WaitlistEntryAdded' && e.entry.patientId === `p${cmd.patient}`,
  );
  if (added && !exempt) expect(waiting).toBeLessThan(bound);
}

describe('a doctor-day under random operations', () => {
  it('keeps every invariant, emits one numbered event per change, and replays to the same state', () => {
    fc.assert(
      fc.property(scenarioArb, ({ sessions, commands }) => {
        const world = open(sessions);
        for (const cmd of commands) {
          const before = cmd.op === 'advance' ? undefined : world.days[cmd.d];
          const step = run(world, cmd);
          if (!step || !before || cmd.op === 'advance') {
            world.days.forEach((d) => expect(invariantViolations(d, world.now)).toEqual([]));
            continue;
          }
          if (cmd.op === 'request') checkWaitlistBound(before, cmd, step, world.now);
          if (!step.ok) continue; // refused: the caller keeps the old day, nothing to persist
          const { day, events } = step.value;
          expect(events.map((e) => e.sequence)).toEqual(
            events.map((_, i) => before.eventSequence + 1 + i),
          );
          expect(events.length).toBe(stateChanges(before, day));
          expect(invariantViolations(day, world.now)).toEqual([]);

          const byId = new Map(day.tokens.map((t) => [t.id, t]));
          for (const event of events) {
            if (event.type !== 'TokenPreempted') continue;
            const [victim, by] = [byId.get(event.tokenId), byId.get(event.byTokenId)];
            expect(victim?.priority).toBeLessThan(by?.priority ?? -1);
          }

          const stillWaiting = day.waitlist.filter((e) => e.status === 'WAITING');
          for (const event of events) {
            if (event.type !== 'WaitlistEntryPromoted') continue;
            const promoted = day.waitlist.find((e) => e.id === event.entryId);
            if (!promoted) throw new Error('promoted entry vanished');
            for (const w of stillWaiting)
              expect(compareWaitlistEntries(promoted, w)).toBeLessThan(0);
          }

          world.days[cmd.d] = day;
          world.history[cmd.d]?.push(...events);
          expect(replay(world.history[cmd.d] ?? [])).toEqual(day);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('slot search order', () => {
  it('is always a permutation of the live slots that starts at a live preferred slot', () => {
    fc.assert(
      fc.property(
        sessionArb,
        fc.integer({ min: 0, max: 12 * 60 }),
        fc.option(fc.nat(), { nil: undefined }),
        (s, minutesAfterSeven, preferred) => {
          const newId = ids('s');
          const now = at('07:00') + minutesAfterSeven * 60_000;
          const { day } = openDoctorDay(
            {
              doctorDayId: 'd',
              doctorId: 'doc',
              date: DATE,
              dayStartsAt: startOfLocalDay(DATE, TIME_ZONE),
            },
            planSlots([s], DATE, TIME_ZONE),
            { now, newId, policy: context(now).policy },
          );
          const preferredSlot =
            preferred === undefined ? undefined : day.slots[preferred % day.slots.length];
          const order = searchOrder(day, now, preferredSlot?.id);
          const live = day.slots.filter((slot) => isLive(slot, now));
          expect([...order].sort((a, b) => a.startsAt - b.startsAt)).toEqual(live);
          if (preferredSlot && isLive(preferredSlot, now)) expect(order[0]).toEqual(preferredSlot);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
