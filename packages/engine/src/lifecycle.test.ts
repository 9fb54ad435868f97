import { describe, expect, it } from '@jest/globals';
import { requestToken } from './allocate.js';
import {
  cancelToken,
  cancelWaitlistEntry,
  checkInToken,
  completeToken,
  markNoShow,
} from './lifecycle.js';
import { sweepDoctorDay } from './sweep.js';
import { at, buildDay, context, ids, session, unwrap } from './testing/day-builder.js';
import type { DoctorDay, Source } from './types.js';
import { waitingEntries } from './waitlist.js';

const newId = ids('t');
function fill(day: DoctorDay, patients: [string, Source][], from = at('08:00')): DoctorDay {
  let t = from;
  for (const [patientId, source] of patients) {
    day = unwrap(requestToken(day, { patientId, source }, context((t += 60_000), newId))).day;
  }
  return day;
}
const tokenOf = (day: DoctorDay, patientId: string) => {
  const token = day.tokens.find((t) => t.patientId === patientId && t.status !== 'PREEMPTED');
  if (!token) throw new Error(`no token for ${patientId}`);
  return token;
};

describe('a token through the day', () => {
  it('goes ALLOCATED → CHECKED_IN → COMPLETED and keeps its place', () => {
    let day = fill(buildDay([session('09:00', '09:30', 30, 1)]), [['p', 'WALK_IN']]);
    const id = tokenOf(day, 'p').id;
    day = unwrap(checkInToken(day, id, context(at('08:55')))).day;
    const done = unwrap(completeToken(day, id, context(at('09:10'))));
    expect(done.token).toMatchObject({
      status: 'COMPLETED',
      checkedInAt: at('08:55'),
      completedAt: at('09:10'),
    });
  });

  it('refuses moves the lifecycle does not allow, naming both states', () => {
    const day = fill(buildDay([session('09:00', '09:30', 30, 1)]), [['p', 'WALK_IN']]);
    const id = tokenOf(day, 'p').id;
    expect(completeToken(day, id, context(at('09:00')))).toEqual({
      ok: false,
      error: { code: 'INVALID_TRANSITION', subject: 'TOKEN', from: 'ALLOCATED', to: 'COMPLETED' },
    });
    const cancelled = unwrap(cancelToken(day, id, 'x', context(at('08:30')))).day;
    expect(checkInToken(cancelled, id, context(at('09:00')))).toEqual({
      ok: false,
      error: { code: 'INVALID_TRANSITION', subject: 'TOKEN', from: 'CANCELLED', to: 'CHECKED_IN' },
    });
  });

  it('does not check a patient in before their day has begun', () => {
    const day = fill(buildDay([session('09:00', '09:30', 30, 1)]), [['p', 'WALK_IN']]);
    const out = checkInToken(day, tokenOf(day, 'p').id, context(day.dayStartsAt - 1));
    expect(out).toEqual({
      ok: false,
      error: { code: 'CHECK_IN_NOT_OPEN', opensAt: day.dayStartsAt },
    });
  });

  it('reports an unknown token by its id', () => {
    const day = buildDay([session('09:00', '09:30', 30, 1)]);
    expect(cancelToken(day, 'nope', 'x', context(at('08:00')))).toEqual({
      ok: false,
      error: { code: 'TOKEN_NOT_FOUND', tokenId: 'nope' },
    });
  });
});

describe('no-show', () => {
  const day = fill(buildDay([session('09:00', '09:30', 30, 1)]), [['p', 'WALK_IN']]);
  const id = tokenOf(day, 'p').id;

  it('is refused 14 minutes after the slot starts', () => {
    expect(markNoShow(day, id, context(at('09:14')))).toEqual({
      ok: false,
      error: { code: 'GRACE_PERIOD_NOT_OVER', allowedFrom: at('09:15') },
    });
  });

  it('is accepted 15 minutes after the slot starts', () => {
    expect(unwrap(markNoShow(day, id, context(at('09:15')))).token.status).toBe('NO_SHOW');
  });

  it('gives a patient placed into a running slot the full grace period', () => {
    const late = fill(
      buildDay([session('09:00', '10:00', 60, 2)]),
      [['p', 'WALK_IN']],
      at('09:20'),
    );
    const token = tokenOf(late, 'p');
    expect(markNoShow(late, token.id, context(at('09:35'))).ok).toBe(false);
    expect(markNoShow(late, token.id, context(at('09:36'))).ok).toBe(true);
  });

  it('does not apply to a checked-in patient', () => {
    const inside = unwrap(checkInToken(day, id, context(at('09:01')))).day;
    expect(markNoShow(inside, id, context(at('09:20')))).toEqual({
      ok: false,
      error: { code: 'INVALID_TRANSITION', subject: 'TOKEN', from: 'CHECKED_IN', to: 'NO_SHOW' },
    });
  });
});

describe('waitlist promotion', () => {
  it('promotes the best waiting patient into a cancelled place with the next token number', () => {
    let day = buildDay([session('09:00', '09:30', 30, 1)]);
    day = fill(day, [
      ['a', 'WALK_IN'],
      ['online', 'ONLINE'],
      ['walk', 'WALK_IN'],
    ]);
    const waitingWalkIn = day.waitlist.find((e) => e.patientId === 'walk');
    const out = unwrap(
      cancelToken(day, tokenOf(day, 'a').id, 'feels better', context(at('08:40'))),
    );
    expect(out.promoted).toHaveLength(1);
    expect(out.promoted[0]).toMatchObject({
      patientId: 'walk',
      number: 2,
      requestedAt: waitingWalkIn?.requestedAt,
      promotedFromEntryId: waitingWalkIn?.id,
      protected: false,
    });
    expect(out.events.map((e) => e.type)).toEqual(['TokenCancelled', 'WaitlistEntryPromoted']);
    expect(waitingEntries(out.day).map((e) => e.patientId)).toEqual(['online']);
  });

  it('promotes after a no-show into the running slot', () => {
    let day = buildDay([session('09:00', '09:30', 30, 1)]);
    day = fill(day, [
      ['a', 'WALK_IN'],
      ['b', 'WALK_IN'],
    ]);
    const out = unwrap(markNoShow(day, tokenOf(day, 'a').id, context(at('09:15'))));
    expect(out.promoted.map((t) => t.patientId)).toEqual(['b']);
  });

  it('protects a displaced patient once they are promoted', () => {
    let day = buildDay([session('09:00', '09:30', 30, 1)]);
    day = fill(day, [['w', 'WALK_IN']]);
    day = fill(day, [['e1', 'EMERGENCY']], at('08:10'));
    const out = unwrap(cancelToken(day, tokenOf(day, 'e1').id, 'x', context(at('08:20'))));
    expect(out.promoted[0]).toMatchObject({ patientId: 'w', protected: true });
    const again = unwrap(
      requestToken(out.day, { patientId: 'e2', source: 'EMERGENCY' }, context(at('08:25'), newId)),
    );
    expect(again.kind).toBe('WAITLISTED');
  });

  it('never promotes into a slot that has ended, and expires the waitlist when the day is over', () => {
    let day = buildDay([session('09:00', '09:30', 30, 1)]);
    day = fill(day, [
      ['a', 'WALK_IN'],
      ['b', 'WALK_IN'],
    ]);
    day = unwrap(checkInToken(day, tokenOf(day, 'a').id, context(at('09:00')))).day;
    const out = unwrap(cancelToken(day, tokenOf(day, 'a').id, 'left', context(at('09:31'))));
    expect(out.promoted).toEqual([]);
    expect(out.day.waitlist[0]).toMatchObject({ patientId: 'b', status: 'EXPIRED' });
  });

  it('takes a waiting patient off the list, and refuses twice', () => {
    let day = buildDay([session('09:00', '09:30', 30, 1)]);
    day = fill(day, [
      ['a', 'WALK_IN'],
      ['b', 'WALK_IN'],
    ]);
    const entryId = day.waitlist[0]?.id ?? '';
    const out = unwrap(cancelWaitlistEntry(day, entryId, 'went home', context(at('08:30'))));
    expect(out.entry.status).toBe('CANCELLED');
    expect(cancelWaitlistEntry(out.day, entryId, 'x', context(at('08:31')))).toEqual({
      ok: false,
      error: {
        code: 'INVALID_TRANSITION',
        subject: 'WAITLIST_ENTRY',
        from: 'CANCELLED',
        to: 'CANCELLED',
      },
    });
  });
});

describe('the sweeper', () => {
  it('marks overdue tokens no-show, promotes, and does nothing a second time', () => {
    let day = buildDay([session('09:00', '10:00', 30, 1)]);
    day = fill(day, [
      ['a', 'WALK_IN'],
      ['b', 'WALK_IN'],
      ['c', 'WALK_IN'],
    ]);
    expect(sweepDoctorDay(day, context(at('09:14'))).events).toEqual([]);
    const out = sweepDoctorDay(day, context(at('09:15'), newId));
    expect(out.noShows.map((t) => t.patientId)).toEqual(['a']);
    expect(out.promoted.map((t) => [t.patientId, t.slotId])).toEqual([['c', day.slots[0]?.id]]);
    expect(sweepDoctorDay(out.day, context(at('09:16'))).events).toEqual([]);
  });

  it('expires whoever still waits once the last slot has ended', () => {
    let day = buildDay([session('09:00', '09:30', 30, 1)]);
    day = fill(day, [
      ['a', 'WALK_IN'],
      ['b', 'WALK_IN'],
    ]);
    day = unwrap(checkInToken(day, tokenOf(day, 'a').id, context(at('09:00')))).day;
    const out = sweepDoctorDay(day, context(at('09:30')));
    expect(out.expired.map((e) => e.patientId)).toEqual(['b']);
  });
});
