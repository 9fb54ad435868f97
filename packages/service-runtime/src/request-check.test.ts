import { describe, expect, it } from '@jest/globals';
import type { ApiError } from './api-error.js';
import { RequestCheck, daysBetweenDates, isDate } from './request-check.js';

function violationsOf(check: RequestCheck): { field: string; description: string }[] {
  try {
    check.done();
  } catch (error) {
    return [...(error as ApiError).fieldViolations];
  }
  return [];
}

describe('request checks', () => {
  it('name every bad field of a request at once', () => {
    const check = new RequestCheck();
    check.id('doctor_id', 'not-a-uuid');
    check.date('start_date', '2026-02-30');
    check.date('end_date', '');
    check.requestId(' ');
    expect(violationsOf(check).map((v) => v.field)).toEqual([
      'doctor_id',
      'start_date',
      'end_date',
      'request_id',
    ]);
  });

  it('accept a well-formed request without complaint', () => {
    const check = new RequestCheck();
    expect(check.id('doctor_id', '6F1C8A52-0D1E-4B8E-9B1A-3C2D4E5F6A70')).toBe(
      '6f1c8a52-0d1e-4b8e-9b1a-3c2d4e5f6a70',
    );
    expect(check.optionalId('token_id', '')).toBeUndefined();
    check.range('start_date', '2026-11-01', 'end_date', '2026-11-30');
    expect(() => check.done()).not.toThrow();
  });

  it('refuse control characters in text, but keep tabs and line breaks in notes', () => {
    const check = new RequestCheck();
    check.text('patient_name', 'Asha\u0000Rao', 120);
    check.optionalText('notes', 'wheelchair\u001b[2J', 500);
    check.optionalText('reason', 'first line\n\tsecond line', 500);
    expect(violationsOf(check)).toEqual([
      { field: 'patient_name', description: 'must not contain control characters' },
      { field: 'notes', description: 'must not contain control characters' },
    ]);
  });

  it('refuse a name of only invisible characters, or one holding a bidirectional override', () => {
    const check = new RequestCheck();
    check.text('patient_name', '\u200B\u200D\u3164\u2800', 120);
    check.text('display_name', 'Dr. \u202EoaR areeM', 120);
    check.optionalText('notes', 'see \u2066file\u2069', 500);
    // Joiners inside a real name stay: Malayalam and Devanagari spell with them.
    check.text('patient_name', 'ലക്\u200Dഷ്മി', 120);
    expect(violationsOf(check)).toEqual([
      {
        field: 'patient_name',
        description: 'must contain visible characters, not only invisible ones',
      },
      { field: 'display_name', description: 'must not contain bidirectional override characters' },
      { field: 'notes', description: 'must not contain bidirectional override characters' },
    ]);
  });

  it('count characters as people do, not UTF-16 units', () => {
    const check = new RequestCheck();
    check.text('patient_name', '😀'.repeat(120), 120);
    check.text('display_name', 'a'.repeat(121), 120);
    expect(violationsOf(check)).toEqual([
      { field: 'display_name', description: 'must be at most 120 characters' },
    ]);
  });

  it('take only a UUID as the idempotency key', () => {
    const check = new RequestCheck();
    check.requestId('6f1c8a52-0d1e-4b8e-9b1a-3c2d4e5f6a70');
    check.requestId('x');
    expect(violationsOf(check).map((v) => v.field)).toEqual(['request_id']);
  });

  it('refuse dates before 1900', () => {
    const check = new RequestCheck();
    check.optionalDate('start_date', '0001-01-01');
    check.date('date', '1900-01-01');
    expect(violationsOf(check)).toEqual([
      { field: 'start_date', description: 'must be 1900-01-01 or later' },
    ]);
  });

  it('refuse a range whose end is before its start, on the end field', () => {
    const check = new RequestCheck();
    check.range('start_date', '2026-11-30', 'end_date', '2026-11-01');
    expect(violationsOf(check)).toEqual([
      { field: 'end_date', description: 'must not be before start_date' },
    ]);
  });
});

describe('calendar dates', () => {
  it('exist only as real days of the calendar', () => {
    expect(['2026-11-27', '2024-02-29', '2000-02-29', '0099-12-31'].every(isDate)).toBe(true);
    for (const bad of [
      '2026-02-29',
      '1900-02-29',
      '2026-13-01',
      '2026-04-31',
      '2026-1-01',
      '0000-01-01',
      '',
    ]) {
      expect(isDate(bad)).toBe(false);
    }
  });

  it('are counted in whole days, across month and leap-year ends', () => {
    expect(daysBetweenDates('2026-11-27', '2026-11-27')).toBe(0);
    expect(daysBetweenDates('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetweenDates('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetweenDates('2026-12-01', '2026-11-30')).toBe(-1);
  });
});
