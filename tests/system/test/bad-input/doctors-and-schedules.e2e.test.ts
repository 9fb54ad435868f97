// Doctors and their schedules with bad input: CreateDoctor, UpdateDoctor, GetDoctor, ListDoctors,
// SetScheduleOverride, DeleteScheduleOverride and ListScheduleOverrides.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  Doctor,
  Weekday,
  type CreateDoctorRequest,
  type SetScheduleOverrideRequest,
  type UpdateDoctorRequest,
} from '@opd/api';
import { PageTokens } from '@opd/service-runtime';
import fc from 'fast-check';
import {
  badField,
  badRequiredId,
  hugePageSize,
  negativePageSize,
  notADate,
  notAnEnumValue,
  notAPageToken,
  RUNS,
  tampered,
  tooLong,
  withControlCharacter,
} from '../support/arbitraries.js';
import { AllocationDatabase } from '../support/database-state.js';
import {
  addDays,
  addDoctor,
  allocated,
  everyDay,
  rid,
  session,
  walkIn,
} from '../support/hospital.js';
import { expectBadField, expectNothingWritten, expectRefusedWith } from '../support/refusals.js';
import { brokenSession, overlappingSessions, validSession } from '../support/schedules.js';
import { startStack, TODAY, type AllocationClient, type Stack } from '../support/stack.js';

let stack: Stack;
let db: AllocationDatabase;
let admin: AllocationClient;
let doctorId: string;

const MIB = 1024 * 1024;
const NEXT_WEEK = addDays(TODAY, 7);

beforeAll(async () => {
  stack = await startStack();
  db = new AllocationDatabase(stack.databaseUrls.allocation);
  admin = stack.client('admin');
  doctorId = await addDoctor(admin, undefined, 'Dr. Anil Kumar');
  await addDoctor(admin, undefined, 'Dr. Bela Shah');
  await addDoctor(admin, undefined, 'Dr. Chitra Pillai');
});
afterAll(async () => {
  await db.close();
  await stack.stop();
});

const newDoctor = (extra: Partial<CreateDoctorRequest> = {}): CreateDoctorRequest => ({
  requestId: rid(),
  displayName: 'Dr. Test',
  department: 'ENT',
  weeklySchedule: everyDay(session('09:00', '10:00', 30, 2)),
  room: '',
  ...extra,
});

const update = (extra: Partial<UpdateDoctorRequest>): UpdateDoctorRequest => ({
  requestId: rid(),
  doctor: Doctor.fromPartial({ doctorId, displayName: 'Dr. Anil Kumar', department: 'ENT' }),
  updateMask: ['display_name'],
  ...extra,
});

const override = (extra: Partial<SetScheduleOverrideRequest>): SetScheduleOverrideRequest => ({
  requestId: rid(),
  doctorId,
  date: NEXT_WEEK,
  dayPlan: { $case: 'leave', value: {} },
  reason: 'Conference',
  ...extra,
});

describe('CreateDoctor', () => {
  it.each<[string, string, Partial<CreateDoctorRequest>]>([
    ['no idempotency key', 'request_id', { requestId: '' }],
    ['no name', 'display_name', { displayName: ' ' }],
    ['a name of 201 characters', 'display_name', { displayName: 'D'.repeat(201) }],
    ['a name with a NUL in it', 'display_name', { displayName: 'Dr.\u0000Rao' }],
    ['no department', 'department', { department: '' }],
    ['a department of 201 characters', 'department', { department: 'E'.repeat(201) }],
    [
      'a weekday that does not exist',
      'weekly_schedule.days[0].weekday',
      { weeklySchedule: { days: [{ weekday: 8 as Weekday, sessions: [] }] } },
    ],
    [
      'Monday listed twice',
      'weekly_schedule.days[1].weekday',
      {
        weeklySchedule: {
          days: [
            { weekday: Weekday.WEEKDAY_MONDAY, sessions: [] },
            { weekday: Weekday.WEEKDAY_MONDAY, sessions: [] },
          ],
        },
      },
    ],
  ])('is refused for %s, naming %s, and changes nothing', async (_case, field, extra) => {
    await expectNothingWritten(db, async () => {
      await expectBadField(admin.createDoctor(newDoctor(extra)), field);
    });
  });

  it('refuses any weekday number outside Monday to Sunday, naming it', async () => {
    await expectNothingWritten(db, async () => {
      await fc.assert(
        fc.asyncProperty(notAnEnumValue(7), async (weekday) => {
          const weeklySchedule = { days: [{ weekday: weekday as Weekday, sessions: [] }] };
          await expectBadField(
            admin.createDoctor(newDoctor({ weeklySchedule })),
            'weekly_schedule.days[0].weekday',
          );
        }),
        RUNS,
      );
    });
  });

  it('refuses any session broken in one way, naming that field of that session', async () => {
    await expectNothingWritten(db, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...Object.values(Weekday).filter((d): d is Weekday => Number(d) > 0)),
          validSession,
          brokenSession,
          async (weekday, good, { session: bad, field }) => {
            const weeklySchedule = { days: [{ weekday, sessions: [good, bad] }] };
            await expectBadField(
              admin.createDoctor(newDoctor({ weeklySchedule })),
              `weekly_schedule.days[0].sessions[1].${field}`,
            );
          },
        ),
        { numRuns: 80 },
      );
    });
  });

  it('refuses overlapping sessions, naming the start of the later one', async () => {
    await expectNothingWritten(db, async () => {
      await fc.assert(
        fc.asyncProperty(overlappingSessions, async ({ sessions, later }) => {
          const weeklySchedule = { days: [{ weekday: Weekday.WEEKDAY_FRIDAY, sessions }] };
          await expectBadField(
            admin.createDoctor(newDoctor({ weeklySchedule })),
            `weekly_schedule.days[0].sessions[${later}].start_time`,
          );
        }),
        RUNS,
      );
    });
  });

  it('refuses a 5 MiB name with RESOURCE_EXHAUSTED', async () => {
    await expectNothingWritten(db, async () => {
      await expectRefusedWith(
        admin.createDoctor(newDoctor({ displayName: 'D'.repeat(5 * MIB) })),
        'RESOURCE_EXHAUSTED',
      );
    });
  });
});

describe('UpdateDoctor', () => {
  /** The doctor as it is, with `extra` spoiling one thing (the id is read once the doctor exists). */
  const doctor = (extra: Partial<Doctor>) => (id: string) =>
    Doctor.fromPartial({
      doctorId: id,
      displayName: 'Dr. Anil Kumar',
      department: 'ENT',
      ...extra,
    });

  it.each<[string, string, (id: string) => Partial<UpdateDoctorRequest>]>([
    ['no idempotency key', 'request_id', () => ({ requestId: '' })],
    ['an empty update mask', 'update_mask', () => ({ updateMask: [] })],
    ['a mask naming the phone', 'update_mask', () => ({ updateMask: ['phone'] })],
    ['a mask naming the doctor id', 'update_mask', () => ({ updateMask: ['doctor_id'] })],
    ['a mask in camel case', 'update_mask', () => ({ updateMask: ['displayName'] })],
    ['no doctor', 'doctor.doctor_id', () => ({ doctor: undefined, updateMask: ['active'] })],
    ['a doctor id that is not a UUID', 'doctor.doctor_id', () => ({ doctor: doctor({})('anil') })],
    [
      'an empty name under the mask',
      'doctor.display_name',
      (id) => ({ doctor: doctor({ displayName: '' })(id) }),
    ],
    [
      'a name with an escape character under the mask',
      'doctor.display_name',
      (id) => ({ doctor: doctor({ displayName: 'Dr.\u001bAnil' })(id) }),
    ],
    [
      'a broken schedule under the mask',
      'doctor.weekly_schedule.days[0].sessions[0].capacity_per_slot',
      (id) => ({
        doctor: doctor({
          weeklySchedule: {
            days: [
              { weekday: Weekday.WEEKDAY_MONDAY, sessions: [session('09:00', '10:00', 30, 0)] },
            ],
          },
        })(id),
        updateMask: ['weekly_schedule'],
      }),
    ],
  ])('is refused for %s, naming %s, and changes nothing', async (_case, field, spoil) => {
    await expectNothingWritten(db, async () => {
      await expectBadField(admin.updateDoctor(update(spoil(doctorId))), field);
    });
  });

  it('answers NOT_FOUND for an unknown doctor, audited', async () => {
    const unknown = crypto.randomUUID();
    await expectNothingWritten(db, async () => {
      await expectRefusedWith(
        admin.updateDoctor(
          update({ doctor: Doctor.fromPartial({ doctorId: unknown, displayName: 'X' }) }),
        ),
        'NOT_FOUND',
        'DOCTOR_NOT_FOUND',
      );
    }, [{ action: 'UpdateDoctor', code: 'NOT_FOUND' }]);
  });

  it('refuses a schedule that would take away a booked slot, as a whole', async () => {
    const busy = await addDoctor(admin, [session('09:00', '10:00', 30, 2)], 'Dr. Busy');
    allocated(await stack.client('counter').requestToken(walkIn(busy)));
    await expectNothingWritten(db, async () => {
      await expectRefusedWith(
        admin.updateDoctor({
          requestId: rid(),
          doctor: Doctor.fromPartial({
            doctorId: busy,
            weeklySchedule: everyDay(session('11:00', '12:00', 30, 2)),
          }),
          updateMask: ['weekly_schedule'],
        }),
        'FAILED_PRECONDITION',
        'SCHEDULE_CHANGE_DISPLACES_TOKENS',
      );
    }, [{ action: 'UpdateDoctor', code: 'FAILED_PRECONDITION' }]);
  });
});

describe('GetDoctor', () => {
  it('is refused for any missing or malformed doctor_id, and NOT_FOUND for an unknown one', async () => {
    await expectNothingWritten(db, async () => {
      await fc.assert(
        fc.asyncProperty(badRequiredId, async (id) => {
          await expectBadField(admin.getDoctor({ doctorId: id }), 'doctor_id');
        }),
        RUNS,
      );
      const unknown = crypto.randomUUID();
      await expectRefusedWith(
        admin.getDoctor({ doctorId: unknown }),
        'NOT_FOUND',
        'DOCTOR_NOT_FOUND',
        {
          doctor_id: unknown,
        },
      );
    });
  });
});

describe('ListDoctors', () => {
  const list = (extra: {
    department?: string;
    pageSize?: number;
    pageToken?: string;
    showInactive?: boolean;
  }) =>
    admin.listDoctors({
      department: '',
      showInactive: false,
      pageSize: 0,
      pageToken: '',
      ...extra,
    });

  it('refuses a department filter that no department could match', async () => {
    await expectNothingWritten(db, async () => {
      await fc.assert(
        fc.asyncProperty(tooLong(200), withControlCharacter, async (long, odd) => {
          await expectBadField(list({ department: long }), 'department');
          await expectBadField(list({ department: odd }), 'department');
        }),
        { numRuns: 25 },
      );
    });
  });

  it('refuses a negative page size and lowers a huge one to the maximum', async () => {
    await expectNothingWritten(db, async () => {
      await fc.assert(
        fc.asyncProperty(negativePageSize, hugePageSize, async (negative, huge) => {
          await expectBadField(list({ pageSize: negative }), 'page_size');
          const { doctors } = await list({ pageSize: huge });
          expect(doctors.length).toBeLessThanOrEqual(500);
        }),
        { numRuns: 25 },
      );
    });
  });

  it('refuses a page token that was tampered with, forged or issued for other filters', async () => {
    const { nextPageToken, doctors } = await list({ pageSize: 1 });
    expect(doctors).toHaveLength(1);
    expect(nextPageToken).not.toBe('');
    const forged = new PageTokens('a secret that is not the server one').issue(
      ['ENT', 'Dr. Anil Kumar', doctorId],
      JSON.stringify(['doctors', '', false]),
    );
    await expectNothingWritten(db, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(tampered(nextPageToken), notAPageToken(nextPageToken), fc.constant(forged)),
          async (pageToken) => {
            await expectBadField(
              list({ pageSize: 1, pageToken }),
              'page_token',
              'INVALID_PAGE_TOKEN',
            );
          },
        ),
        RUNS,
      );
      await expectBadField(
        list({ pageSize: 1, pageToken: nextPageToken, department: 'ENT' }),
        'page_token',
        'INVALID_PAGE_TOKEN',
      );
      await expectBadField(
        list({ pageSize: 1, pageToken: nextPageToken, showInactive: true }),
        'page_token',
        'INVALID_PAGE_TOKEN',
      );
    });
    // The genuine token still works.
    expect((await list({ pageSize: 1, pageToken: nextPageToken })).doctors).toHaveLength(1);
  });
});

describe('SetScheduleOverride', () => {
  it.each<[string, string, Partial<SetScheduleOverrideRequest>]>([
    ['no idempotency key', 'request_id', { requestId: '' }],
    ['no doctor', 'doctor_id', { doctorId: '' }],
    ['no date', 'date', { date: '' }],
    ['the 30th of February', 'date', { date: '2027-02-30' }],
    ['yesterday (the past cannot be changed)', 'date', { date: addDays(TODAY, -1) }],
    ['neither leave nor sessions', 'day_plan', { dayPlan: undefined }],
    [
      'an empty list of sessions',
      'sessions.sessions',
      { dayPlan: { $case: 'sessions', value: { sessions: [] } } },
    ],
    ['a reason of 501 characters', 'reason', { reason: 'r'.repeat(501) }],
    ['a reason with a NUL in it', 'reason', { reason: 'leave\u0000' }],
  ])('is refused for %s, naming %s, and changes nothing', async (_case, field, extra) => {
    await expectNothingWritten(db, async () => {
      await expectBadField(admin.setScheduleOverride(override(extra)), field);
    });
  });

  it('refuses any broken replacement session, naming it, and any malformed date', async () => {
    await expectNothingWritten(db, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            brokenSession.map(({ session: bad, field }) => ({
              field: `sessions.sessions[0].${field}`,
              spoil: { dayPlan: { $case: 'sessions' as const, value: { sessions: [bad] } } },
            })),
            badField('date', notADate, (date: string) => ({ date })),
          ),
          async ({ field, spoil }) => {
            await expectBadField(admin.setScheduleOverride(override(spoil)), field);
          },
        ),
        RUNS,
      );
    });
  });

  it('answers NOT_FOUND for an unknown doctor, audited', async () => {
    await expectNothingWritten(db, async () => {
      await expectRefusedWith(
        admin.setScheduleOverride(override({ doctorId: crypto.randomUUID() })),
        'NOT_FOUND',
        'DOCTOR_NOT_FOUND',
      );
    }, [{ action: 'SetScheduleOverride', code: 'NOT_FOUND' }]);
  });

  it('refuses leave on a day with patients booked, as a whole', async () => {
    const busy = await addDoctor(admin, undefined, 'Dr. On Call');
    allocated(await stack.client('counter').requestToken(walkIn(busy)));
    await expectNothingWritten(db, async () => {
      await expectRefusedWith(
        admin.setScheduleOverride(override({ doctorId: busy, date: TODAY })),
        'FAILED_PRECONDITION',
        'SCHEDULE_CHANGE_DISPLACES_TOKENS',
      );
    }, [{ action: 'SetScheduleOverride', code: 'FAILED_PRECONDITION' }]);
  });
});

describe('DeleteScheduleOverride', () => {
  const remove = (extra: { requestId?: string; doctorId?: string; date?: string }) =>
    admin.deleteScheduleOverride({ requestId: rid(), doctorId, date: NEXT_WEEK, ...extra });

  it('is refused for a missing key, doctor or date, or a past date, naming each', async () => {
    await expectNothingWritten(db, async () => {
      await expectBadField(remove({ requestId: '' }), 'request_id');
      await expectBadField(remove({ doctorId: 'anil' }), 'doctor_id');
      await expectBadField(remove({ date: addDays(TODAY, -1) }), 'date');
      await fc.assert(
        fc.asyncProperty(notADate, async (date) => {
          await expectBadField(remove({ date }), 'date');
        }),
        RUNS,
      );
    });
  });

  it('answers NOT_FOUND for an unknown doctor and for a date without an override, audited', async () => {
    await expectNothingWritten(db, async () => {
      await expectRefusedWith(
        remove({ doctorId: crypto.randomUUID() }),
        'NOT_FOUND',
        'DOCTOR_NOT_FOUND',
      );
      await expectRefusedWith(
        remove({ date: addDays(TODAY, 40) }),
        'NOT_FOUND',
        'SCHEDULE_OVERRIDE_NOT_FOUND',
      );
    }, [
      { action: 'DeleteScheduleOverride', code: 'NOT_FOUND' },
      { action: 'DeleteScheduleOverride', code: 'NOT_FOUND' },
    ]);
  });
});

describe('ListScheduleOverrides', () => {
  const list = (extra: {
    doctorId?: string;
    startDate?: string;
    endDate?: string;
    pageSize?: number;
    pageToken?: string;
  }) =>
    admin.listScheduleOverrides({
      doctorId,
      startDate: '',
      endDate: '',
      pageSize: 0,
      pageToken: '',
      ...extra,
    });

  it('is refused for a missing doctor, malformed dates, a reversed range or a negative page size', async () => {
    await expectNothingWritten(db, async () => {
      await expectBadField(list({ doctorId: '' }), 'doctor_id');
      await expectBadField(list({ startDate: TODAY, endDate: addDays(TODAY, -1) }), 'end_date');
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            badField('start_date', notADate, (startDate: string) => ({ startDate })),
            badField('end_date', notADate, (endDate: string) => ({ endDate })),
            badField('page_size', negativePageSize, (pageSize: number) => ({ pageSize })),
          ),
          async ({ field, spoil }) => {
            await expectBadField(list(spoil), field);
          },
        ),
        RUNS,
      );
      await expectRefusedWith(
        list({ doctorId: crypto.randomUUID() }),
        'NOT_FOUND',
        'DOCTOR_NOT_FOUND',
      );
    });
  });

  it('refuses a page token that was tampered with or issued for another doctor', async () => {
    for (const days of [20, 21]) {
      await admin.setScheduleOverride(override({ date: addDays(TODAY, days) }));
    }
    const { nextPageToken } = await list({ pageSize: 1 });
    expect(nextPageToken).not.toBe('');
    const [, other] = (
      await admin.listDoctors({ department: '', showInactive: false, pageSize: 2, pageToken: '' })
    ).doctors;
    await expectNothingWritten(db, async () => {
      await fc.assert(
        fc.asyncProperty(tampered(nextPageToken), async (pageToken) => {
          await expectBadField(
            list({ pageSize: 1, pageToken }),
            'page_token',
            'INVALID_PAGE_TOKEN',
          );
        }),
        RUNS,
      );
      await expectBadField(
        list({ pageSize: 1, pageToken: nextPageToken, doctorId: other?.doctorId ?? '' }),
        'page_token',
        'INVALID_PAGE_TOKEN',
      );
      await expectBadField(
        list({ pageSize: 1, pageToken: nextPageToken, startDate: TODAY }),
        'page_token',
        'INVALID_PAGE_TOKEN',
      );
    });
  });
});
