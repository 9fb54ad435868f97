import { describe, expect, it } from '@jest/globals';
import { requestToken, type TokenRequest } from './allocate.js';
import { cancelToken, checkInToken } from './lifecycle.js';
import { at, buildDay, context, ids, session, unwrap } from './testing/day-builder.js';
import type { DoctorDay, Instant, Source } from './types.js';
import { invariantViolations } from './invariants.js';

const newId = ids('t');
function ask(
  day: DoctorDay,
  patientId: string,
  source: Source,
  now: Instant,
  extra: Partial<TokenRequest> = {},
) {
  return requestToken(day, { patientId, source, ...extra }, context(now, newId));
}
function fill(day: DoctorDay, patients: [string, Source][], from = at('08:00')): DoctorDay {
  let t = from;
  for (const [patientId, source] of patients)
    day = unwrap(ask(day, patientId, source, (t += 60_000))).day;
  return day;
}

describe('requesting a token', () => {
  it('gives the first walk-in token 1 in the first slot', () => {
    const day = buildDay([session('09:00', '10:00', 30, 2)]);
    const out = unwrap(ask(day, 'p1', 'WALK_IN', at('08:00')));
    expect(out.kind).toBe('ALLOCATED');
    if (out.kind !== 'ALLOCATED') return;
    expect(out.token).toMatchObject({ number: 1, status: 'ALLOCATED', slotId: day.slots[0]?.id });
    expect(out.events.map((e) => e.type)).toEqual(['TokenAllocated']);
    expect(out.events[0]?.sequence).toBe(2);
  });

  it('fills slots in time order and numbers tokens in issue order', () => {
    let day = buildDay([session('09:00', '10:00', 30, 1)]);
    day = fill(day, [
      ['a', 'WALK_IN'],
      ['b', 'ONLINE'],
    ]);
    expect(day.tokens.map((t) => [t.number, t.slotId])).toEqual([
      [1, day.slots[0]?.id],
      [2, day.slots[1]?.id],
    ]);
  });

  it('tries the preferred slot, then later ones, then the nearest earlier ones', () => {
    let day = buildDay([session('09:00', '11:00', 30, 1)]);
    const [s1, s2, s3, s4] = day.slots;
    const prefer = (p: string) =>
      unwrap(ask(day, p, 'WALK_IN', at('08:00'), { preferredSlotId: s3?.id }));
    let out = prefer('a');
    expect(out.kind === 'ALLOCATED' && out.slot.id).toBe(s3?.id);
    day = out.day;
    out = prefer('b');
    expect(out.kind === 'ALLOCATED' && out.slot.id).toBe(s4?.id);
    day = out.day;
    out = prefer('c');
    expect(out.kind === 'ALLOCATED' && out.slot.id).toBe(s2?.id);
    day = out.day;
    out = prefer('d');
    expect(out.kind === 'ALLOCATED' && out.slot.id).toBe(s1?.id);
  });

  it('never places a patient in a slot that has ended, but does in one that is running', () => {
    const day = buildDay([session('09:00', '10:00', 30, 1)]);
    const out = unwrap(ask(day, 'late', 'WALK_IN', at('09:35')));
    expect(out.kind === 'ALLOCATED' && out.slot.localStart).toBe('09:30');
  });

  it('refuses a day whose last slot has ended, and a day without sessions', () => {
    expect(ask(buildDay([session('09:00', '10:00', 30, 1)]), 'p', 'WALK_IN', at('10:00'))).toEqual({
      ok: false,
      error: { code: 'DOCTOR_DAY_OVER' },
    });
    expect(ask(buildDay([]), 'p', 'WALK_IN', at('08:00'))).toEqual({
      ok: false,
      error: { code: 'NO_SESSION_ON_DATE' },
    });
  });

  it('refuses a preferred slot that is not on this doctor-day', () => {
    const out = ask(buildDay([session('09:00', '10:00', 30, 1)]), 'p', 'WALK_IN', at('08:00'), {
      preferredSlotId: 'elsewhere',
    });
    expect(out).toEqual({ ok: false, error: { code: 'SLOT_NOT_FOUND', slotId: 'elsewhere' } });
  });
});

describe('one token per patient per doctor per day', () => {
  it('answers a patient who holds a token with that token', () => {
    const day = fill(buildDay([session('09:00', '10:00', 30, 2)]), [['p', 'WALK_IN']]);
    expect(ask(day, 'p', 'EMERGENCY', at('08:30'))).toEqual({
      ok: false,
      error: { code: 'PATIENT_ALREADY_HOLDS_TOKEN', tokenId: day.tokens[0]?.id, tokenNumber: 1 },
    });
  });

  it('answers a waiting patient with their waitlist position', () => {
    const day = fill(buildDay([session('09:00', '09:30', 30, 1)]), [
      ['a', 'WALK_IN'],
      ['b', 'WALK_IN'],
    ]);
    const out = ask(day, 'b', 'WALK_IN', at('08:30'));
    expect(out).toEqual({
      ok: false,
      error: { code: 'PATIENT_ALREADY_WAITING', waitlistEntryId: day.waitlist[0]?.id, position: 1 },
    });
  });

  it('lets a patient whose token was cancelled ask again', () => {
    let day = fill(buildDay([session('09:00', '10:00', 30, 2)]), [['p', 'WALK_IN']]);
    day = unwrap(
      cancelToken(day, day.tokens[0]?.id ?? '', 'changed plans', context(at('08:10'))),
    ).day;
    const out = unwrap(ask(day, 'p', 'WALK_IN', at('08:20')));
    expect(out.kind === 'ALLOCATED' && out.token.number).toBe(2);
  });
});

describe('preemption when the day is full', () => {
  it('gives an emergency the place of the latest-requested walk-in', () => {
    let day = buildDay([session('09:00', '10:00', 30, 1)]);
    day = fill(day, [
      ['w1', 'WALK_IN'],
      ['w2', 'WALK_IN'],
    ]);
    const out = unwrap(ask(day, 'e', 'EMERGENCY', at('08:30')));
    if (out.kind !== 'ALLOCATED') throw new Error('expected allocation');
    expect(out.preempted).toMatchObject({
      patientId: 'w2',
      status: 'PREEMPTED',
      preemptedByTokenId: out.token.id,
    });
    expect(out.preempted?.preemptionReason).toMatch(/EMERGENCY/);
    expect(out.token).toMatchObject({ number: 3, slotId: day.tokens[1]?.slotId });
    expect(out.displacedEntry).toMatchObject({
      patientId: 'w2',
      status: 'WAITING',
      requestedAt: day.tokens[1]?.requestedAt,
      displacedTokenId: day.tokens[1]?.id,
    });
    expect(out.displacedPosition).toBe(1);
    expect(out.events.map((e) => e.type)).toEqual([
      'TokenPreempted',
      'TokenAllocated',
      'WaitlistEntryAdded',
    ]);
  });

  it('lets paid displace a walk-in but not an online booking over a walk-in', () => {
    let day = buildDay([session('09:00', '09:30', 30, 2)]);
    day = fill(day, [
      ['o', 'ONLINE'],
      ['w', 'WALK_IN'],
    ]);
    const paid = unwrap(ask(day, 'p', 'PAID', at('08:30')));
    expect(paid.kind === 'ALLOCATED' && paid.preempted?.patientId).toBe('o');
    const online = unwrap(ask(paid.day, 'o2', 'ONLINE', at('08:31')));
    expect(online.kind).toBe('WAITLISTED');
  });

  it('does not preempt an equal priority: the request waits', () => {
    const day = fill(buildDay([session('09:00', '09:30', 30, 1)]), [['a', 'WALK_IN']]);
    const out = unwrap(ask(day, 'b', 'WALK_IN', at('08:30')));
    expect(out.kind === 'WAITLISTED' && out.position).toBe(1);
  });

  it('never displaces a checked-in patient or one whose slot has started', () => {
    let day = buildDay([session('09:00', '10:00', 30, 1)]);
    day = fill(day, [
      ['early', 'WALK_IN'],
      ['later', 'WALK_IN'],
    ]);
    day = unwrap(checkInToken(day, day.tokens[1]?.id ?? '', context(at('09:05')))).day;
    const out = unwrap(ask(day, 'e', 'EMERGENCY', at('09:10')));
    expect(out.kind).toBe('WAITLISTED');
  });

  it('puts the displaced patient at the head of their priority class', () => {
    let day = buildDay([session('09:00', '09:30', 30, 1)]);
    day = fill(day, [
      ['first', 'WALK_IN'],
      ['second', 'WALK_IN'],
    ]);
    const out = unwrap(ask(day, 'e', 'EMERGENCY', at('08:30')));
    expect(out.kind === 'ALLOCATED' && out.displacedPosition).toBe(1);
    expect(invariantViolations(out.day, at('08:30'))).toEqual([]);
  });
});
