import { describe, expect, it } from '@jest/globals';
import { fieldLabel, violationError } from './error-text.js';

describe('field names in words', () => {
  it('reads nested paths as a counter would say them', () => {
    expect(fieldLabel('phone')).toBe('Phone number');
    expect(fieldLabel('weeklySchedule[2].sessions[0].capacityPerSlot')).toBe(
      'Weekly schedule, day 3, session 1, capacity per slot',
    );
    expect(fieldLabel('plan.sessions[1].endTime')).toBe('Day plan, session 2, end time');
  });

  it('makes one sentence of several problems', () => {
    expect(
      violationError([
        { field: 'phone', description: 'must be a phone number, e.g. 98450 12345' },
        { field: 'doctorId', description: 'must be an id (UUID)' },
      ]).message,
    ).toBe(
      'Please check the form: Phone number must be a phone number, e.g. 98450 12345; Doctor must be an id (UUID).',
    );
  });
});
