// Reading the hospital's days with bad input: GetDoctorDayBoard, WatchDoctorDay, ListDoctorDays
// and ListAuditEntries. Reads must refuse as clearly as writes, and never open a day by mistake.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ListAuditEntriesRequest, ListDoctorDaysRequest } from '@opd/api';
import fc from 'fast-check';
import {
  badField,
  badRequiredId,
  negativePageSize,
  notADate,
  notAPageToken,
  notAUuid,
  RUNS,
  tampered,
} from '../support/arbitraries.js';
import { AllocationDatabase } from '../support/database-state.js';
import { addDays, addDoctor, walkIn } from '../support/hospital.js';
import { expectBadField, expectNothingWritten, expectRefusedWith } from '../support/refusals.js';
import { firstOf } from '../support/rpcs.js';
import { startStack, TODAY, type AllocationClient, type Stack } from '../support/stack.js';

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
  // Three open days and a few audited actions, so every list has more than one page.
  for (const days of [0, 1, 2]) {
    await counter.requestToken(walkIn(doctorId, { date: addDays(TODAY, days) }));
  }
});
afterAll(async () => {
  await db.close();
  await stack.stop();
});

const views = [
  [
    'GetDoctorDayBoard',
    (doctor: string, date: string) => counter.getDoctorDayBoard({ doctorId: doctor, date }),
  ],
  [
    'WatchDoctorDay',
    (doctor: string, date: string) =>
      firstOf(counter.watchDoctorDay({ doctorId: doctor, date, changesOnly: false })),
  ],
] as const;

describe.each(views)('%s', (_method, view) => {
  it('is refused for any missing or malformed doctor_id or date, naming it', async () => {
    await expectNothingWritten(db, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            badRequiredId.map((doctor) => ({ field: 'doctor_id', doctor, date: TODAY })),
            notADate.map((date) => ({ field: 'date', doctor: doctorId, date })),
          ),
          async ({ field, doctor, date }) => {
            await expectBadField(view(doctor, date), field);
          },
        ),
        RUNS,
      );
      await expectBadField(view(doctorId, ''), 'date');
    });
  });

  it('answers NOT_FOUND for an unknown doctor without opening a day', async () => {
    await expectNothingWritten(db, async () => {
      for (const unknown of fc.sample(fc.uuid(), 5)) {
        await expectRefusedWith(view(unknown, TODAY), 'NOT_FOUND', 'DOCTOR_NOT_FOUND', {
          doctor_id: unknown,
        });
      }
    });
  });
});

describe('ListDoctorDays', () => {
  const list = (extra: Partial<ListDoctorDaysRequest>) =>
    counter.listDoctorDays({
      doctorId,
      startDate: '',
      endDate: '',
      pageSize: 0,
      pageToken: '',
      ...extra,
    });

  it('is refused for a malformed doctor or dates, a reversed range or a negative page size', async () => {
    await expectNothingWritten(db, async () => {
      await expectBadField(list({ startDate: TODAY, endDate: addDays(TODAY, -1) }), 'end_date');
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            badField('doctor_id', notAUuid, (doctorId: string) => ({ doctorId })),
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
    });
  });

  it('answers NOT_FOUND for an unknown doctor rather than an empty list', async () => {
    await expectNothingWritten(db, async () => {
      await expectRefusedWith(
        list({ doctorId: crypto.randomUUID() }),
        'NOT_FOUND',
        'DOCTOR_NOT_FOUND',
      );
    });
  });

  it('refuses a page token that was tampered with or is reused with other filters', async () => {
    const { nextPageToken } = await list({ pageSize: 1 });
    expect(nextPageToken).not.toBe('');
    await expectNothingWritten(db, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(tampered(nextPageToken), notAPageToken(nextPageToken)),
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
      for (const other of [
        { doctorId: '' },
        { startDate: TODAY },
        { endDate: addDays(TODAY, 5) },
      ]) {
        await expectBadField(
          list({ pageSize: 1, pageToken: nextPageToken, ...other }),
          'page_token',
          'INVALID_PAGE_TOKEN',
        );
      }
    });
  });
});

describe('ListAuditEntries', () => {
  const list = (extra: Partial<ListAuditEntriesRequest>) =>
    admin.listAuditEntries({
      tokenId: '',
      doctorId: '',
      patientId: '',
      startDate: '',
      endDate: '',
      pageSize: 0,
      pageToken: '',
      ...extra,
    });

  it('is refused for malformed ids or dates, a reversed range or a negative page size', async () => {
    await expectNothingWritten(db, async () => {
      await expectBadField(list({ startDate: TODAY, endDate: addDays(TODAY, -1) }), 'end_date');
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            badField('token_id', notAUuid, (tokenId: string) => ({ tokenId })),
            badField('doctor_id', notAUuid, (doctorId: string) => ({ doctorId })),
            badField('patient_id', notAUuid, (patientId: string) => ({ patientId })),
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
    });
  });

  it('refuses a page token that was tampered with or is reused with other filters', async () => {
    const { nextPageToken } = await list({ pageSize: 1 });
    expect(nextPageToken).not.toBe('');
    await expectNothingWritten(db, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(tampered(nextPageToken), notAPageToken(nextPageToken)),
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
        list({ pageSize: 1, pageToken: nextPageToken, doctorId }),
        'page_token',
        'INVALID_PAGE_TOKEN',
      );
    });
  });
});
