// Found by an attacker (issue 12, item 6): ListAuditEntries from 0001-01-01, and page tokens that
// are correctly signed (the secret leaked, or a deployment kept a default) but hold malformed
// positions, reached the database and came back INTERNAL. They are refused as bad input.
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { PageTokens } from '@opd/service-runtime';
import { addDoctor } from '../support/hospital.js';
import { expectBadField } from '../support/refusals.js';
import { startStack, type Stack } from '../support/stack.js';

/** Known to the attacker, and so to this test. */
const SECRET = 'a-secret-that-leaked-long-ago-0123';
const forge = new PageTokens(SECRET);

let stack: Stack;
let doctorId: string;
beforeAll(async () => {
  const env = { OPD_PAGE_TOKEN_SECRET: SECRET };
  stack = await startStack({ allocationEnv: env, reportingEnv: env });
  doctorId = await addDoctor(stack.client('admin'));
});
afterAll(() => stack.stop());

const page = { pageSize: 10 };

describe('the audit trail asked for the year 1', () => {
  it('is refused on the date field, not answered INTERNAL', async () => {
    const admin = stack.client('admin');
    const ask = (startDate: string, endDate: string) =>
      admin.listAuditEntries({
        tokenId: '',
        doctorId: '',
        patientId: '',
        startDate,
        endDate,
        ...page,
        pageToken: '',
      });
    await expectBadField(ask('0001-01-01', ''), 'start_date');
    await expectBadField(ask('', '0001-01-01'), 'end_date');
  });
});

describe('a signed page token holding a malformed position', () => {
  const audit = JSON.stringify(['audit', '', '', '', '', '']);

  it.each<[string, (string | number)[]]>([
    ['an instant that is text', ['yesterday', 1]],
    ['an instant beyond the calendar', [1e20, 1]],
    ['a negative row counter', [Date.now(), -1]],
    ['a fractional row counter', [Date.now(), 1.5]],
    ['a position too short', [Date.now()]],
  ])('of the audit trail (%s) is refused as INVALID_PAGE_TOKEN', async (_what, position) => {
    const pageToken = forge.issue(position, audit);
    await expectBadField(
      stack.client('admin').listAuditEntries({
        tokenId: '',
        doctorId: '',
        patientId: '',
        startDate: '',
        endDate: '',
        ...page,
        pageToken,
      }),
      'page_token',
      'INVALID_PAGE_TOKEN',
    );
  });

  it('of every other list of both services is refused as INVALID_PAGE_TOKEN', async () => {
    const admin = stack.client('admin');
    const reports = stack.reports();
    const token = (list: unknown[], position: (string | number)[]) =>
      forge.issue(position, JSON.stringify(list));
    const range = { startDate: '2026-11-01', endDate: '2026-11-30' };

    await expectBadField(
      admin.listDoctorDays({
        doctorId: '',
        startDate: '',
        endDate: '',
        ...page,
        pageToken: token(['doctor-days', '', '', ''], ['not-a-date', 'x']),
      }),
      'page_token',
      'INVALID_PAGE_TOKEN',
    );
    await expectBadField(
      admin.listDoctors({
        department: '',
        showInactive: false,
        ...page,
        pageToken: token(['doctors', '', false], ['ENT', 'Dr.\u0000', 'not-a-uuid']),
      }),
      'page_token',
      'INVALID_PAGE_TOKEN',
    );
    await expectBadField(
      admin.listScheduleOverrides({
        doctorId,
        startDate: '',
        endDate: '',
        ...page,
        pageToken: token(['overrides', doctorId, '', ''], ['2026-13-45']),
      }),
      'page_token',
      'INVALID_PAGE_TOKEN',
    );
    await expectBadField(
      reports.listTokens({
        ...range,
        doctorId: '',
        statuses: [],
        sources: [],
        ...page,
        pageToken: token(['tokens', range.startDate, range.endDate, '', [], []], ['x', 'y', 1]),
      }),
      'page_token',
      'INVALID_PAGE_TOKEN',
    );
    await expectBadField(
      reports.listDailySummaries({
        ...range,
        doctorId: '',
        ...page,
        pageToken: token(['summaries', range.startDate, range.endDate, ''], ['2026-11-02', '1']),
      }),
      'page_token',
      'INVALID_PAGE_TOKEN',
    );
  });
});
