// Found by an attacker and a newcomer (issue 12, items 7 and 9): names made only of invisible
// characters or holding bidirectional overrides were accepted, names could be 200 characters
// where the contract says 120, any text passed as a request_id "UUID", and validation messages
// named enum values without the prefix the wire uses.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Source, Weekday } from '@opd/api';
import { AllocationDatabase } from '../support/database-state.js';
import { addDoctor, allocated, everyDay, rid, session, walkIn } from '../support/hospital.js';
import { expectBadField, expectNothingWritten } from '../support/refusals.js';
import { startStack, type AllocationClient, type Stack } from '../support/stack.js';

let stack: Stack;
let db: AllocationDatabase;
let admin: AllocationClient;
let counter: AllocationClient;
let doctorId: string;
beforeAll(async () => {
  stack = await startStack();
  db = new AllocationDatabase(stack.databaseUrls.allocation);
  admin = stack.client('admin');
  counter = stack.client('counter');
  doctorId = await addDoctor(admin);
});
afterAll(async () => {
  await db.close();
  await stack.stop();
});

const newDoctor = (extra: { displayName?: string; department?: string; requestId?: string }) =>
  admin.createDoctor({
    room: '',
    requestId: rid(),
    displayName: 'Dr. Kavya Iyer',
    department: 'ENT',
    weeklySchedule: everyDay(session('09:00', '10:00', 30, 2)),
    ...extra,
  });

describe('a name', () => {
  it.each([
    ['zero-width spaces and joiners only', '\u200B\u200C\u200D\uFEFF'],
    ['Hangul fillers and a braille blank only', '\u3164\u115F\u2800'],
    ['a right-to-left override', 'Asha \u202ERao'],
    ['a bidirectional isolate', 'Asha \u2067Rao\u2069'],
    ['121 characters', 'A'.repeat(121)],
  ])('of %s is refused, and nothing is written', async (_what, patientName) => {
    await expectNothingWritten(db, async () => {
      await expectBadField(counter.requestToken(walkIn(doctorId, { patientName })), 'patient_name');
    });
    await expectBadField(newDoctor({ displayName: patientName }), 'display_name');
  });

  it('of 120 characters, and one joined as Malayalam writes it, are taken', async () => {
    allocated(await counter.requestToken(walkIn(doctorId, { patientName: 'A'.repeat(120) })));
    allocated(await counter.requestToken(walkIn(doctorId, { patientName: 'ലക്\u200Dഷ്മി' })));
  });

  it('of a department is 80 characters at most, as the contract says', async () => {
    await expectBadField(newDoctor({ department: 'E'.repeat(81) }), 'department');
  });
});

describe('a request_id', () => {
  it('that is not a UUID is refused, as the contract says it must be one', async () => {
    const refused = await expectBadField(
      counter.requestToken(walkIn(doctorId, { requestId: 'x' })),
      'request_id',
    );
    expect(refused.fieldViolations[0]?.description).toContain('must be a UUID');
    await expectBadField(newDoctor({ requestId: 'retry-1' }), 'request_id');
  });
});

describe('a validation message about an enum', () => {
  it('names the values as the wire does', async () => {
    const source = await expectBadField(
      counter.requestToken(walkIn(doctorId, { source: Source.SOURCE_UNSPECIFIED })),
      'source',
    );
    expect(source.fieldViolations[0]?.description).toBe(
      'must be one of SOURCE_EMERGENCY, SOURCE_PAID, SOURCE_FOLLOW_UP, SOURCE_WALK_IN, SOURCE_ONLINE',
    );

    const weekday = await expectBadField(
      admin.createDoctor({
        room: '',
        requestId: rid(),
        displayName: 'Dr. Kavya Iyer',
        department: 'ENT',
        weeklySchedule: {
          days: [
            { weekday: Weekday.WEEKDAY_UNSPECIFIED, sessions: [session('09:00', '10:00', 30, 2)] },
          ],
        },
      }),
      'weekly_schedule.days[0].weekday',
    );
    expect(weekday.fieldViolations[0]?.description).toBe(
      'must be WEEKDAY_MONDAY to WEEKDAY_SUNDAY',
    );

    const reported = await expectBadField(
      stack.reports().listTokens({
        startDate: '2026-11-01',
        endDate: '2026-11-30',
        doctorId: '',
        statuses: [],
        sources: [99 as Source],
        pageSize: 0,
        pageToken: '',
      }),
      'sources[0]',
    );
    expect(reported.fieldViolations[0]?.description).toContain('SOURCE_WALK_IN');
  });
});
