import { describe, expect, it } from '@jest/globals';
import { DEFAULT_POLICY } from '@opd/engine';
import { localDate, type Hospital } from './hospital.js';

const kolkata: Hospital = {
  timeZone: 'Asia/Kolkata',
  defaultCountry: 'IN',
  policy: DEFAULT_POLICY,
  bookingHorizonDays: 90,
  sourcesByRole: {},
};

describe("the hospital's local date", () => {
  it('turns at local midnight, not at UTC midnight', () => {
    expect(localDate(kolkata, Date.parse('2026-12-04T18:29:59.999Z'))).toBe('2026-12-04');
    expect(localDate(kolkata, Date.parse('2026-12-04T18:30:00.000Z'))).toBe('2026-12-05');
    expect(localDate(kolkata, Date.parse('2026-12-04T18:29:00.000Z'))).toBe('2026-12-04');
    expect(localDate(kolkata, Date.parse('2026-12-03T23:59:00.000Z'))).toBe('2026-12-04');
    expect(localDate(kolkata, Date.parse('2026-12-03T18:29:00.000Z'))).toBe('2026-12-03');
  });
});
