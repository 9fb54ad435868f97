import { describe, expect, it } from '@jest/globals';
import { requestToken } from './allocate.js';
import { cancelWaitlistEntry } from './lifecycle.js';
import { DEFAULT_POLICY } from './priority.js';
import { at, buildDay, context, ids, session, unwrap } from './testing/day-builder.js';
import type { DoctorDay, Source } from './types.js';
import { waitlistBound } from './waitlist.js';

const newId = ids('w');
const ask = (day: DoctorDay, patientId: string, source: Source) =>
  requestToken(day, { patientId, source }, context(at('08:00'), newId));

function fill(day: DoctorDay, patients: readonly [string, Source][]): DoctorDay {
  for (const [patientId, source] of patients) day = unwrap(ask(day, patientId, source)).day;
  return day;
}

describe('the waitlist bound of a doctor-day', () => {
  it('is a quarter of the day capacity, rounded up, and at least five', () => {
    expect(waitlistBound(buildDay([session('09:00', '10:00', 10, 20)]), DEFAULT_POLICY)).toBe(30);
    expect(waitlistBound(buildDay([session('09:00', '09:30', 10, 3)]), DEFAULT_POLICY)).toBe(5);
    expect(waitlistBound(buildDay([session('09:00', '10:40', 10, 3)]), DEFAULT_POLICY)).toBe(8);
  });

  it('refuses a walk-in on a full day whose waitlist is at its bound, storing nothing', () => {
    const day = fill(buildDay([session('09:00', '09:15', 15, 1)]), [
      ['seen', 'EMERGENCY'],
      ...Array.from({ length: 5 }, (_, i): [string, Source] => [`w${i}`, 'WALK_IN']),
    ]);
    const out = ask(day, 'late', 'WALK_IN');
    expect(out).toEqual({
      ok: false,
      error: { code: 'DOCTOR_DAY_FULL', waiting: 5, bound: 5 },
    });
  });

  it('never refuses an emergency, nor a patient displaced earlier that day', () => {
    let day = fill(buildDay([session('09:00', '09:15', 15, 1)]), [
      ['asha', 'WALK_IN'],
      ['e1', 'EMERGENCY'], // displaces Asha: she waits at the head of the walk-ins
      ...Array.from({ length: 4 }, (_, i): [string, Source] => [`w${i}`, 'WALK_IN']),
    ]);
    expect(ask(day, 'w4', 'WALK_IN')).toMatchObject({
      ok: false,
      error: { code: 'DOCTOR_DAY_FULL' },
    });
    // Nobody can make way for a second emergency (the first is as urgent): it waits beyond the bound.
    const emergency = unwrap(ask(day, 'e2', 'EMERGENCY'));
    expect(emergency.kind).toBe('WAITLISTED');
    day = emergency.day;
    // Asha leaves the waitlist, then asks again while it is still at its bound: she was
    // displaced here once, so she is taken.
    const entry = day.waitlist.find((e) => e.patientId === 'asha' && e.status === 'WAITING');
    day = unwrap(
      cancelWaitlistEntry(day, entry?.id ?? '', 'stepped out', context(at('08:01'), newId)),
    ).day;
    expect(unwrap(ask(day, 'asha', 'WALK_IN')).kind).toBe('WAITLISTED');
  });
});
