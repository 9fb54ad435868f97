// RequestToken with bad input, through a real gRPC client: every refusal names its field, and the
// allocation tables stay exactly as they were (a refusal past validation is audited, nothing more).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Doctor, Source, type RequestTokenRequest } from '@opd/api';
import fc from 'fast-check';
import {
  badField,
  notAPhone,
  notADate,
  notAnEnumValue,
  badRequiredId,
  notAUuid,
  RUNS,
  tooLong,
  unbookableDate,
  withControlCharacter,
} from '../support/arbitraries.js';
import { AllocationDatabase } from '../support/database-state.js';
import { addDays, addDoctor, allocated, rid, session, walkIn } from '../support/hospital.js';
import { expectBadField, expectNothingWritten, expectRefusedWith } from '../support/refusals.js';
import { startStack, TODAY, type AllocationClient, type Stack } from '../support/stack.js';

let stack: Stack;
let db: AllocationDatabase;
let admin: AllocationClient;
let counter: AllocationClient;
/** Dr. Rao sees patients every day 09:00–10:00. */
let doctorId: string;
/** Dr. Iyer sees patients every day 09:00–10:00 too. */
let otherDoctorId: string;

const MIB = 1024 * 1024;

beforeAll(async () => {
  stack = await startStack();
  db = new AllocationDatabase(stack.databaseUrls.allocation);
  admin = stack.client('admin');
  counter = stack.client('counter');
  doctorId = await addDoctor(admin);
  otherDoctorId = await addDoctor(admin, undefined, 'Dr. Kavya Iyer');
});
afterAll(async () => {
  await db.close();
  await stack.stop();
});

const ask = (extra: Partial<RequestTokenRequest>) => counter.requestToken(walkIn(doctorId, extra));

/** The first slot of a doctor's board on a date (looking opens the day). */
async function firstSlot(doctor: string, date: string): Promise<string> {
  const { board } = await counter.getDoctorDayBoard({ doctorId: doctor, date });
  const slot = board?.slots[0];
  if (!slot) throw new Error('the board has no slots');
  return slot.slotId;
}

describe('a token request with a missing or malformed field', () => {
  it.each<[string, string, Partial<RequestTokenRequest>]>([
    ['no idempotency key', 'request_id', { requestId: '' }],
    ['an idempotency key of 129 characters', 'request_id', { requestId: 'k'.repeat(129) }],
    ['an idempotency key with a NUL in it', 'request_id', { requestId: 'retry\u0000' }],
    ['no phone number', 'patient_phone', { patientPhone: '' }],
    ['a phone number of spaces', 'patient_phone', { patientPhone: '   ' }],
    ['a phone number with too few digits', 'patient_phone', { patientPhone: '98450 1234' }],
    ['no patient name', 'patient_name', { patientName: '' }],
    ['a patient name of spaces', 'patient_name', { patientName: '  \t ' }],
    ['a patient name of 201 characters', 'patient_name', { patientName: 'A'.repeat(201) }],
    ['a patient name with a NUL in it', 'patient_name', { patientName: 'Asha\u0000Rao' }],
    ['a patient name with a terminal escape', 'patient_name', { patientName: 'Asha\u001b[2JRao' }],
    ['no doctor', 'doctor_id', { doctorId: '' }],
    ['a doctor id that is not a UUID', 'doctor_id', { doctorId: 'dr-rao' }],
    ['no date', 'date', { date: '' }],
    ['a date written day first', 'date', { date: '27-11-2026' }],
    ['the 31st of November', 'date', { date: '2026-11-31' }],
    ['a date with a time', 'date', { date: '2026-11-27T09:00' }],
    ['yesterday', 'date', { date: addDays(TODAY, -1) }],
    ['a date 91 days ahead, past the booking horizon', 'date', { date: addDays(TODAY, 91) }],
    ['no source', 'source', { source: Source.SOURCE_UNSPECIFIED }],
    ['source 99, which no release has defined', 'source', { source: 99 as Source }],
    ['a negative source', 'source', { source: -1 as Source }],
    ['a preferred slot id that is not a UUID', 'preferred_slot_id', { preferredSlotId: 'slot-1' }],
    ['notes of 501 characters', 'notes', { notes: 'n'.repeat(501) }],
    ['notes with a NUL in them', 'notes', { notes: 'wheelchair\u0000' }],
  ])('is refused for %s, naming %s, and changes nothing', async (_case, field, extra) => {
    await expectNothingWritten(db, async () => {
      await expectBadField(ask(extra), field);
    });
  });

  it('names every bad field at once', async () => {
    await expectNothingWritten(db, async () => {
      const refused = await expectRefusedWith(
        counter.requestToken({
          requestId: '',
          patientId: '',
          patientPhone: '12',
          patientName: ' ',
          doctorId: 'not-a-uuid',
          date: '2026-02-30',
          source: Source.SOURCE_UNSPECIFIED,
          preferredSlotId: 'x',
          notes: 'n'.repeat(501),
        }),
        'INVALID_ARGUMENT',
        'FIELD_VIOLATION',
      );
      expect(refused.fieldViolations.map((v) => v.field).sort()).toEqual([
        'date',
        'doctor_id',
        'notes',
        'patient_name',
        'patient_phone',
        'preferred_slot_id',
        'request_id',
        'source',
      ]);
    });
  });
});

describe('a token request, whatever the bad value', () => {
  it('refuses any string that is not a phone number, without repeating the number', async () => {
    await expectNothingWritten(db, async () => {
      await fc.assert(
        fc.asyncProperty(notAPhone, async (phone) => {
          const refused = await expectBadField(ask({ patientPhone: phone }), 'patient_phone');
          if (/\d{4}/.test(phone)) expect(refused.message).not.toContain(phone.trim());
        }),
        RUNS,
      );
    });
  });

  it('refuses any date that is not a calendar date, naming date', async () => {
    await expectNothingWritten(db, async () => {
      await fc.assert(
        fc.asyncProperty(notADate, async (date) => {
          await expectBadField(ask({ date }), 'date');
        }),
        RUNS,
      );
    });
  });

  it('refuses any date in the past or past the booking horizon, naming date', async () => {
    await expectNothingWritten(db, async () => {
      await fc.assert(
        fc.asyncProperty(unbookableDate, async (date) => {
          await expectBadField(ask({ date }), 'date');
        }),
        RUNS,
      );
    });
  });

  it('refuses any source number other than the five sources, naming source', async () => {
    await expectNothingWritten(db, async () => {
      await fc.assert(
        fc.asyncProperty(notAnEnumValue(5), async (source) => {
          await expectBadField(ask({ source: source as Source }), 'source');
        }),
        RUNS,
      );
    });
  });

  it('refuses any doctor id or preferred slot id that is not a UUID, naming it', async () => {
    await expectNothingWritten(db, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            badField('doctor_id', badRequiredId, (doctorId: string) => ({ doctorId })),
            badField('preferred_slot_id', notAUuid, (preferredSlotId: string) => ({
              preferredSlotId,
            })),
          ),
          async ({ field, spoil }) => {
            await expectBadField(ask(spoil), field);
          },
        ),
        RUNS,
      );
    });
  });

  it('refuses over-long names and notes, and control characters in either', async () => {
    await expectNothingWritten(db, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            badField('patient_name', tooLong(200), (patientName: string) => ({ patientName })),
            badField('notes', tooLong(500), (notes: string) => ({ notes })),
            badField('patient_name', withControlCharacter, (patientName: string) => ({
              patientName,
            })),
            badField('notes', withControlCharacter, (notes: string) => ({ notes })),
          ),
          async ({ field, spoil }) => {
            await expectBadField(ask(spoil), field);
          },
        ),
        RUNS,
      );
    });
  });
});

describe('a token request the hospital cannot place', () => {
  it('answers NOT_FOUND for any unknown doctor, and audits each refusal', async () => {
    const doctors = fc.sample(fc.uuid(), 20);
    await expectNothingWritten(
      db,
      async () => {
        for (const unknown of doctors) {
          await expectRefusedWith(ask({ doctorId: unknown }), 'NOT_FOUND', 'DOCTOR_NOT_FOUND', {
            doctor_id: unknown,
          });
        }
      },
      doctors.map(() => ({ action: 'RequestToken', code: 'NOT_FOUND' })),
    );
  });

  it('answers SLOT_NOT_FOUND for a preferred slot that is not one of that doctor-day', async () => {
    const tomorrowsSlot = await firstSlot(doctorId, addDays(TODAY, 1));
    const otherDoctorsSlot = await firstSlot(otherDoctorId, TODAY);
    await firstSlot(doctorId, TODAY);
    const strangers = [tomorrowsSlot, otherDoctorsSlot, ...fc.sample(fc.uuid(), 5)];
    await expectNothingWritten(
      db,
      async () => {
        for (const preferredSlotId of strangers) {
          await expectRefusedWith(ask({ preferredSlotId }), 'NOT_FOUND', 'SLOT_NOT_FOUND');
        }
      },
      strangers.map(() => ({ action: 'RequestToken', code: 'NOT_FOUND' })),
    );
  });

  it('refuses a day whose last slot has ended with DOCTOR_DAY_OVER', async () => {
    const nightClinic = await addDoctor(admin, [session('00:00', '00:30', 30, 2)], 'Dr. Night');
    await expectNothingWritten(db, async () => {
      await expectRefusedWith(
        counter.requestToken(walkIn(nightClinic)),
        'FAILED_PRECONDITION',
        'DOCTOR_DAY_OVER',
      );
    }, [{ action: 'RequestToken', code: 'FAILED_PRECONDITION' }]);
  });

  it('refuses a doctor on leave with NO_SESSION_ON_DATE and an inactive doctor with DOCTOR_INACTIVE', async () => {
    const onLeave = addDays(TODAY, 2);
    await admin.setScheduleOverride({
      requestId: rid(),
      doctorId: otherDoctorId,
      date: onLeave,
      dayPlan: { $case: 'leave', value: {} },
      reason: 'Conference',
    });
    const retired = await addDoctor(admin, undefined, 'Dr. Retired');
    await admin.updateDoctor({
      requestId: rid(),
      doctor: Doctor.fromPartial({ doctorId: retired, active: false }),
      updateMask: ['active'],
    });
    await expectNothingWritten(db, async () => {
      await expectRefusedWith(
        counter.requestToken(walkIn(otherDoctorId, { date: onLeave })),
        'FAILED_PRECONDITION',
        'NO_SESSION_ON_DATE',
      );
      await expectRefusedWith(
        counter.requestToken(walkIn(retired)),
        'FAILED_PRECONDITION',
        'DOCTOR_INACTIVE',
      );
    }, [
      { action: 'RequestToken', code: 'FAILED_PRECONDITION' },
      { action: 'RequestToken', code: 'FAILED_PRECONDITION' },
    ]);
  });

  it('tells a patient who already holds a token what they hold, and books nothing more', async () => {
    const first = walkIn(doctorId);
    const token = allocated(await counter.requestToken(first));
    await expectNothingWritten(db, async () => {
      await expectRefusedWith(
        counter.requestToken({ ...first, requestId: rid(), source: Source.SOURCE_PAID }),
        'ALREADY_EXISTS',
        'PATIENT_ALREADY_HOLDS_TOKEN',
        { token_id: token.tokenId, token_number: String(token.tokenNumber) },
      );
    }, [{ action: 'RequestToken', code: 'ALREADY_EXISTS' }]);
  });

  it('refuses an idempotency key reused for a different request', async () => {
    const first = walkIn(doctorId);
    await counter.requestToken(first);
    await expectNothingWritten(db, async () => {
      await expectRefusedWith(
        counter.requestToken({ ...walkIn(doctorId), requestId: first.requestId }),
        'FAILED_PRECONDITION',
        'IDEMPOTENCY_KEY_REUSED',
        { request_id: first.requestId },
      );
    }, [{ action: 'RequestToken', code: 'FAILED_PRECONDITION' }]);
  });
});

describe('an oversized token request', () => {
  it.each([
    ['notes', { notes: 'n'.repeat(5 * MIB) }],
    ['a patient name', { patientName: 'A'.repeat(5 * MIB) }],
  ])('of 5 MiB of %s is refused with RESOURCE_EXHAUSTED before it is read', async (_f, extra) => {
    await expectNothingWritten(db, async () => {
      const refused = await expectRefusedWith(ask(extra), 'RESOURCE_EXHAUSTED');
      expect(refused.message).toMatch(/larger than max/);
    });
  });
});
