import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { requestToken } from './allocate.js';
import type { Result } from './errors.js';
import { applyEvent, replay, type DomainEvent } from './events.js';
import { expectedCallTimes } from './expected-times.js';
import { invariantViolations } from './invariants.js';
import {
  cancelToken,
  cancelWaitlistEntry,
  checkInToken,
  completeToken,
  markNoShow,
} from './lifecycle.js';
import { roomQueue } from './room-queue.js';
import { callNext, recallToken, skipToken } from './room.js';
import { openDoctorDay, planSlots, startOfLocalDay, type Session } from './schedule.js';
import { sweepDoctorDay } from './sweep.js';
import { at, context, DATE, ids, session, TIME_ZONE } from './testing/day-builder.js';
import { transferToken, type TransferOutcome } from './transfer.js';
import { SOURCES, type Context, type DoctorDay, type Token, type TokenStatus } from './types.js';
import { undoLastTransition } from './undo.js';

// Random OPD days of two doctors on one date, now with the room: check-ins, calls, recalls,
// skips, completions, cancellations, no-shows, transfers between the two, undos and the clock.
// After every step both days keep every §3 and §3b invariant, each change is one numbered event,
// and each day's events replay to exactly that day.
const PATIENTS = 10;

const sessionArb = fc
  .record({
    startHour: fc.integer({ min: 8, max: 10 }),
    slots: fc.integer({ min: 1, max: 4 }),
    minutes: fc.constantFrom(15, 20, 30),
    capacity: fc.integer({ min: 1, max: 3 }),
  })
  .map(({ startHour, slots, minutes, capacity }) => {
    const start = startHour * 60;
    const hhmm = (m: number) =>
      `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    return session(hhmm(start), hhmm(start + slots * minutes), minutes, capacity);
  });

const d = fc.integer({ min: 0, max: 1 });
const pick = fc.nat();
const op = <T extends string>(name: T) => fc.constant(name);
const commandArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: op('request'),
      d,
      patient: fc.integer({ min: 0, max: PATIENTS - 1 }),
      source: fc.constantFrom(...SOURCES),
    }),
  },
  { weight: 4, arbitrary: fc.record({ op: op('checkIn'), d, pick }) },
  { weight: 4, arbitrary: fc.record({ op: op('call'), d }) },
  { weight: 1, arbitrary: fc.record({ op: op('recall'), d }) },
  { weight: 2, arbitrary: fc.record({ op: op('skip'), d }) },
  { weight: 3, arbitrary: fc.record({ op: op('complete'), d, pick }) },
  { weight: 1, arbitrary: fc.record({ op: op('cancel'), d, pick }) },
  { weight: 2, arbitrary: fc.record({ op: op('noShow'), d, pick }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: op('transfer'),
      d,
      pick,
      reason: fc.constantFrom('needs ENT', 'wrong doctor', 'eye check', ' '),
    }),
  },
  { weight: 4, arbitrary: fc.record({ op: op('undo'), d, pick }) },
  { weight: 1, arbitrary: fc.record({ op: op('cancelEntry'), d, pick }) },
  { weight: 1, arbitrary: fc.record({ op: op('sweep'), d }) },
  {
    weight: 4,
    arbitrary: fc.record({ op: op('advance'), minutes: fc.integer({ min: 1, max: 25 }) }),
  },
);
type Command = typeof commandArb extends fc.Arbitrary<infer C> ? C : never;

interface World {
  now: number;
  days: DoctorDay[];
  /** Each day rebuilt from its events alone: replay folded one step at a time. */
  replayed: DoctorDay[];
  newId: () => string;
  /** Each token as it was just before its last move, to check that an undo restores it. */
  beforeMove: Map<string, Token>;
}

function open(sessions: readonly Session[]): World {
  const newId = ids('x');
  const now = at('07:30');
  const world: World = { now, days: [], replayed: [], newId, beforeMove: new Map() };
  sessions.forEach((s, i) => {
    const out = openDoctorDay(
      {
        doctorDayId: `day-${i}`,
        doctorId: `doctor-${i}`,
        date: DATE,
        dayStartsAt: startOfLocalDay(DATE, TIME_ZONE),
      },
      planSlots([s], DATE, TIME_ZONE),
      { ...context(now), newId },
    );
    world.days.push(deepFreeze(out.day));
    world.replayed.push(replay(out.events));
  });
  return world;
}

/** A refused or pure operation can never change the day it was given: any write would throw. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** The id of a token with one of the statuses (any token if none has), chosen by `n`. */
function choose(day: DoctorDay, n: number, statuses: readonly TokenStatus[]): string {
  const fitting = day.tokens.filter((t) => statuses.includes(t.status));
  const from = fitting.length > 0 ? fitting : day.tokens;
  return from[n % Math.max(1, from.length)]?.id ?? 'none';
}

type DayStep = Result<{ day: DoctorDay; events: readonly DomainEvent[] }>;
type Step =
  | { kind: 'day'; d: number; result: DayStep }
  | { kind: 'transfer'; d: number; tokenId: string; result: Result<TransferOutcome> }
  | undefined;

function run(world: World, cmd: Command): Step {
  if (cmd.op === 'advance') {
    world.now += cmd.minutes * 60_000;
    return undefined;
  }
  const day = world.days[cmd.d] as DoctorDay;
  const ctx: Context = { ...context(world.now), newId: world.newId };
  const calledId = () => day.tokens.find((t) => t.status === 'CALLED')?.id ?? 'none';
  const single = (result: DayStep): Step => ({ kind: 'day', d: cmd.d, result });
  switch (cmd.op) {
    case 'request':
      return single(requestToken(day, { patientId: `p${cmd.patient}`, source: cmd.source }, ctx));
    case 'checkIn':
      return single(checkInToken(day, choose(day, cmd.pick, ['ALLOCATED']), ctx));
    case 'call':
      return single(callNext(day, ctx));
    case 'recall':
      return single(recallToken(day, calledId(), ctx));
    case 'skip':
      return single(skipToken(day, calledId(), ctx));
    case 'complete':
      return single(completeToken(day, choose(day, cmd.pick, ['CALLED', 'CHECKED_IN']), ctx));
    case 'cancel':
      return single(cancelToken(day, choose(day, cmd.pick, ['ALLOCATED', 'CHECKED_IN']), 'x', ctx));
    case 'noShow': {
      // Half the time the patient skipped twice, who may go at once; else anyone still booked.
      const skipped = day.tokens.filter((t) => t.status === 'CHECKED_IN' && t.skips >= 2);
      const id =
        cmd.pick % 2 === 0 && skipped.length > 0
          ? (skipped[cmd.pick % skipped.length]?.id ?? 'none')
          : choose(day, cmd.pick, ['ALLOCATED', 'CHECKED_IN']);
      return single(markNoShow(day, id, ctx));
    }
    case 'undo': {
      const undoable = day.tokens.filter((t) => t.lastTransition);
      const id = undoable[cmd.pick % Math.max(1, undoable.length)]?.id ?? choose(day, cmd.pick, []);
      return single(undoLastTransition(day, id, ctx));
    }
    case 'cancelEntry': {
      const entry = day.waitlist[cmd.pick % Math.max(1, day.waitlist.length)]?.id ?? 'none';
      return single(cancelWaitlistEntry(day, entry, 'left', ctx));
    }
    case 'sweep':
      return single({ ok: true, value: sweepDoctorDay(day, ctx) });
    case 'transfer': {
      const tokenId = choose(day, cmd.pick, ['ALLOCATED', 'CHECKED_IN', 'CALLED']);
      const target = world.days[1 - cmd.d] as DoctorDay;
      return {
        kind: 'transfer',
        d: cmd.d,
        tokenId,
        result: transferToken(day, target, tokenId, cmd.reason, ctx),
      };
    }
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
    else if (old.status !== t.status || old.recalls !== t.recalls) changes++;
  }
  for (const e of after.waitlist) {
    const old = oldEntries.get(e.id);
    if (!old || old.status !== e.status) changes++;
  }
  return changes;
}

const MOVE_EVENTS = new Set([
  'TokenCheckedIn',
  'TokenCalled',
  'TokenSkipped',
  'TokenCompleted',
  'TokenCancelled',
  'TokenNoShow',
]);

/** What an undo restores: everything but the memory of the move and what the room announced. */
const NOT_RESTORED = new Set([
  'lastTransition',
  'graceFrom',
  'calledAt',
  'lastSkippedAt',
  'recalls',
  'protected',
]);
const restorable = (token: Token) =>
  Object.fromEntries(Object.entries(token).filter(([key]) => !NOT_RESTORED.has(key)));

/** Checks one day's successful change and makes it the world's. */
function accept(world: World, d: number, day: DoctorDay, events: readonly DomainEvent[]): void {
  const before = world.days[d] as DoctorDay;
  expect(events.map((e) => e.sequence)).toEqual(events.map((_, i) => before.eventSequence + 1 + i));
  expect(events.length).toBe(stateChanges(before, day));
  expect(invariantViolations(day, world.now)).toEqual([]);

  const was = new Map(before.tokens.map((t) => [t.id, t]));
  for (const event of events) {
    if (MOVE_EVENTS.has(event.type) && 'tokenId' in event) {
      world.beforeMove.set(event.tokenId, was.get(event.tokenId) as Token);
    }
    if (event.type === 'TransitionUndone') {
      const now = day.tokens.find((t) => t.id === event.tokenId) as Token;
      const then = world.beforeMove.get(event.tokenId) as Token;
      expect(restorable(now)).toEqual(restorable(then));
      if (then.protected) expect(now.protected).toBe(true);
      if (event.move === 'CHECK_IN') {
        // Booked again only in a slot that has not ended (§3b, Undo).
        const slot = day.slots.find((x) => x.id === now.slotId);
        expect((slot?.endsAt ?? 0) > world.now).toBe(true);
      }
    }
    if (event.type === 'TokenCalled') {
      expect(roomQueue(before)[0]?.id).toBe(event.tokenId);
    }
  }

  world.days[d] = deepFreeze(day);
  let rebuilt = world.replayed[d];
  for (const event of events) rebuilt = applyEvent(rebuilt, event);
  world.replayed[d] = rebuilt as DoctorDay;
  // The fast exact comparison first; jest's matcher only to show the difference.
  if (!isDeepStrictEqual(rebuilt, day)) expect(rebuilt).toStrictEqual(day);
}

function checkTransfer(
  world: World,
  step: Extract<Step, { kind: 'transfer' }>,
  value: TransferOutcome,
): void {
  const { source, target } = value;
  const left = (world.days[step.d] as DoctorDay).tokens.find((t) => t.id === step.tokenId) as Token;
  expect(source.token).toMatchObject({
    status: 'TRANSFERRED',
    transferredTo: { doctorDayId: target.day.id, tokenId: target.token.id },
  });
  expect(target.token).toMatchObject({
    patientId: left.patientId,
    source: left.source,
    priority: left.priority,
    requestedAt: left.requestedAt,
    status: left.status === 'ALLOCATED' ? 'ALLOCATED' : 'CHECKED_IN',
    skips: 0,
    transferredFrom: { doctorDayId: source.day.id, tokenId: left.id },
  });
  expect(
    target.events.some(
      (e) => e.type === 'WaitlistEntryAdded' && e.entry.patientId === left.patientId,
    ),
  ).toBe(false);
}

/**
 * What is wrong with the room's view: places must run 1..n in queue order, the skipped come last,
 * and expected calls are never in the past and follow the queue. Plain checks, one `expect` per
 * step: jest's matchers cost more than the engine here.
 */
function roomProblems(day: DoctorDay, now: number): string[] {
  const problems: string[] = [];
  const queue = roomQueue(day);
  const times = expectedCallTimes(day, now, 7);
  let previous = now;
  queue.forEach((token, index) => {
    const expected = times.get(token.id);
    if (expected?.queuePlace !== index + 1) problems.push(`token ${token.number} misplaced`);
    if ((expected?.expectedCallAt ?? -1) < previous) problems.push(`token ${token.number} early`);
    previous = expected?.expectedCallAt ?? previous;
    const behind = queue[index + 1];
    if (token.skips > 0 && behind && behind.skips === 0) {
      problems.push(`skipped token ${token.number} ahead of ${behind.number}`);
    }
  });
  for (const t of day.tokens) {
    const expected = times.get(t.id)?.expectedCallAt ?? -1;
    if (t.status === 'ALLOCATED' && expected < now) problems.push(`token ${t.number} in the past`);
  }
  if (day.tokens.filter((t) => t.status === 'CALLED').length > 1) problems.push('two CALLED');
  return problems;
}

describe('two doctor-days under random room and counter operations', () => {
  it('keep every invariant, number every change, and replay to the same state', () => {
    fc.assert(
      fc.property(
        fc.array(sessionArb, { minLength: 2, maxLength: 2 }),
        // size 'max': without it fast-check stops near 10 commands, too few to fill a room.
        fc.array(commandArb, { minLength: 1, maxLength: 80, size: 'max' }),
        (sessions, commands) => {
          const world = open(sessions);
          for (const cmd of commands) {
            const step = run(world, cmd);
            if (step?.result.ok) {
              if (step.kind === 'day') {
                accept(world, step.d, step.result.value.day, step.result.value.events);
              } else {
                checkTransfer(world, step, step.result.value);
                const { source, target } = step.result.value;
                accept(world, step.d, source.day, source.events);
                accept(world, 1 - step.d, target.day, target.events);
              }
            }
            const problems = world.days.flatMap((day) => [
              ...invariantViolations(day, world.now),
              ...roomProblems(day, world.now),
            ]);
            expect(problems).toEqual([]);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('a busy room with quick hands on the undo key', () => {
  // One day, everyone booked and most checked in, and a few minutes between clicks: undos mostly
  // land inside the window, so every kind of undo and its refusals are reached often.
  const roomOp = fc.oneof(
    { weight: 4, arbitrary: fc.record({ op: op('call'), d: fc.constant(0) }) },
    { weight: 3, arbitrary: fc.record({ op: op('skip'), d: fc.constant(0) }) },
    { weight: 1, arbitrary: fc.record({ op: op('recall'), d: fc.constant(0) }) },
    { weight: 3, arbitrary: fc.record({ op: op('complete'), d: fc.constant(0), pick }) },
    { weight: 2, arbitrary: fc.record({ op: op('checkIn'), d: fc.constant(0), pick }) },
    { weight: 2, arbitrary: fc.record({ op: op('noShow'), d: fc.constant(0), pick }) },
    { weight: 1, arbitrary: fc.record({ op: op('cancel'), d: fc.constant(0), pick }) },
    { weight: 6, arbitrary: fc.record({ op: op('undo'), d: fc.constant(0), pick }) },
    {
      weight: 2,
      arbitrary: fc.record({
        op: op('request'),
        d: fc.constant(0),
        patient: fc.integer({ min: 0, max: PATIENTS - 1 }),
        source: fc.constantFrom(...SOURCES),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({ op: op('advance'), minutes: fc.integer({ min: 1, max: 4 }) }),
    },
  );

  /** Nine booked in three 15-minute slots of three from 09:00, six of them checked in. */
  function busyMorning(): World {
    const world = open([session('09:00', '09:45', 15, 3)]);
    const seed = (cmd: Command) => {
      const step = run(world, cmd);
      if (step?.kind !== 'day' || !step.result.ok) throw new Error(`seeding failed: ${cmd.op}`);
      accept(world, 0, step.result.value.day, step.result.value.events);
    };
    for (let p = 0; p < 9; p++) {
      seed({ op: 'request', d: 0, patient: p, source: SOURCES[p % SOURCES.length] ?? 'WALK_IN' });
    }
    world.now = at('08:50');
    for (let p = 0; p < 6; p++) seed({ op: 'checkIn', d: 0, pick: 0 });
    world.now = at('09:00');
    return world;
  }

  it('never has two patients in the room and undoes each move exactly', () => {
    fc.assert(
      fc.property(fc.array(roomOp, { minLength: 1, maxLength: 60, size: 'max' }), (commands) => {
        const world = busyMorning();
        for (const cmd of commands) {
          const step = run(world, cmd);
          if (step?.kind === 'day' && step.result.ok) {
            accept(world, 0, step.result.value.day, step.result.value.events);
          }
          const day = world.days[0] as DoctorDay;
          expect(roomProblems(day, world.now)).toEqual([]);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
