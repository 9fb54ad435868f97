import { describe, expect, it } from '@jest/globals';
import { noShowAllowedFrom, tokenActions } from './token-actions.js';
import type { TokenView } from './views.js';

const token = (patch: Partial<TokenView>): TokenView => ({
  tokenId: 't',
  doctorId: 'd',
  date: '2026-11-27',
  tokenNumber: 4,
  patientId: 'p',
  patientName: 'Asha',
  slotId: 's',
  slotStartTime: '2026-11-27T03:30:00.000Z', // 09:00 in Kolkata
  slotEndTime: '2026-11-27T04:00:00.000Z',
  slotLocalStartTime: '09:00',
  slotLocalEndTime: '09:30',
  source: 'WALK_IN',
  priority: 20,
  status: 'ALLOCATED',
  requestTime: '2026-11-27T02:00:00.000Z',
  allocateTime: '2026-11-27T02:00:00.000Z',
  checkInTime: null,
  completeTime: null,
  protected: false,
  promoted: false,
  preemptedByTokenId: '',
  preemptionReason: '',
  cancelReason: '',
  notes: '',
  callTime: null,
  skipCount: 0,
  skipTime: null,
  recallCount: 0,
  transferTime: null,
  transferReason: '',
  transferredToTokenId: '',
  transferredFromTokenId: '',
  queuePlace: 0,
  expectedCallTime: null,
  undoableMove: null,
  undoableUntil: null,
  ...patch,
});
const options = { graceMinutes: 15 };

describe('what the board lets staff do with a token', () => {
  it('starts the grace period at the later of slot start and issue time (ADR 0004)', () => {
    expect(noShowAllowedFrom(token({}), 15).toISOString()).toBe('2026-11-27T03:45:00.000Z');
    const late = token({ allocateTime: '2026-11-27T03:50:00.000Z' });
    expect(noShowAllowedFrom(late, 15).toISOString()).toBe('2026-11-27T04:05:00.000Z');
  });

  it('disables no-show until the grace period is over, saying from when', () => {
    const before = tokenActions(token({}), new Date('2026-11-27T03:40:00Z'), options);
    expect(before.noShow).toEqual({
      allowed: false,
      refusal: { kind: 'graceNotOver', from: '2026-11-27T03:45:00.000Z', minutes: 15 },
    });
    expect(tokenActions(token({}), new Date('2026-11-27T03:45:00Z'), options).noShow).toEqual({
      allowed: true,
    });
  });

  it('allows check-in and cancel while allocated, complete only once checked in', () => {
    const now = new Date('2026-11-27T03:40:00Z');
    expect(tokenActions(token({}), now, options)).toMatchObject({
      checkIn: { allowed: true },
      cancel: { allowed: true },
      complete: { allowed: false, refusal: { kind: 'notCheckedIn' } },
    });
    expect(tokenActions(token({ status: 'CHECKED_IN' }), now, options)).toMatchObject({
      checkIn: { allowed: false, refusal: { kind: 'status', status: 'CHECKED_IN' } },
      complete: { allowed: true },
      noShow: { allowed: false },
      cancel: { allowed: true },
    });
  });

  it('completes a called patient, but never cancels one: the room skips, transfers or completes', () => {
    const actions = tokenActions(token({ status: 'CALLED' }), new Date(), options);
    expect(actions).toMatchObject({
      complete: { allowed: true },
      cancel: { allowed: false, refusal: { kind: 'called' } },
      checkIn: { allowed: false },
      noShow: { allowed: false },
    });
  });

  it('lets a patient skipped twice be marked no-show at once, while one skipped once waits', () => {
    const now = new Date('2026-11-27T03:31:00Z');
    const once = token({ status: 'CHECKED_IN', skipCount: 1 });
    const twice = token({ status: 'CHECKED_IN', skipCount: 2 });
    expect(tokenActions(once, now, options).noShow.allowed).toBe(false);
    expect(tokenActions(twice, now, options).noShow).toEqual({ allowed: true });
  });

  it('allows nothing on a token that is over', () => {
    const actions = tokenActions(token({ status: 'PREEMPTED' }), new Date(), options);
    expect(Object.values(actions).every((a) => !a.allowed)).toBe(true);
    const moved = tokenActions(token({ status: 'TRANSFERRED' }), new Date(), options);
    expect(Object.values(moved).every((a) => !a.allowed)).toBe(true);
    expect(actions.cancel).toMatchObject({ refusal: { kind: 'status', status: 'PREEMPTED' } });
  });
});
