import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { requestToken } from './allocate.js';
import { invariantViolations } from './invariants.js';
import { cancelToken, cancelWaitlistEntry } from './lifecycle.js';
import { isHeld } from './slots.js';
import { at, buildDay, context, ids, session } from './testing/day-builder.js';
import { SOURCES, type DoctorDay } from './types.js';

// A small, full morning where urgent requests keep displacing, and displaced patients cancel
// and ask again: nobody may be displaced twice on the same doctor-day (DESIGN.md §3 step 5).
const PATIENTS = 6;
const patient = fc.integer({ min: 0, max: PATIENTS - 1 });
const commandArb = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('request' as const),
      patient,
      source: fc.constantFrom(...SOURCES),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('cancel' as const), patient }) },
);

describe('a patient displaced once on a doctor-day', () => {
  it('is never displaced there again, by promotion or by a new request after cancelling', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 2 }),
        fc.array(commandArb, { minLength: 1, maxLength: 60, size: 'max' }),
        (slots, capacity, commands) => {
          const end = `09:${String(slots * 15).padStart(2, '0')}`;
          let day: DoctorDay = buildDay([session('09:00', end, 15, capacity)]);
          const ctx = { ...context(at('07:30')), newId: ids('t') };
          for (const cmd of commands) {
            const patientId = `p${cmd.patient}`;
            if (cmd.op === 'request') {
              const out = requestToken(day, { patientId, source: cmd.source }, ctx);
              if (out.ok) day = out.value.day;
            } else {
              const held = day.tokens.find((t) => t.patientId === patientId && isHeld(t));
              const waiting = day.waitlist.find(
                (e) => e.patientId === patientId && e.status === 'WAITING',
              );
              const out = held
                ? cancelToken(day, held.id, 'changed plans', ctx)
                : waiting
                  ? cancelWaitlistEntry(day, waiting.id, 'changed plans', ctx)
                  : undefined;
              if (out?.ok) day = out.value.day;
            }
            expect(invariantViolations(day, ctx.now)).toEqual([]);
            for (let p = 0; p < PATIENTS; p++) {
              const displaced = day.tokens.filter(
                (t) => t.patientId === `p${p}` && t.status === 'PREEMPTED',
              );
              expect(displaced.length).toBeLessThanOrEqual(1);
            }
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
