import { describe, expect, it } from '@jest/globals';
import { instantOf, optionalInstantOf } from './instants.js';

describe('timestamps read from the database', () => {
  it('are the same instants, whatever form the driver hands them over in', () => {
    expect(instantOf(1_795_779_493_990.5).toISOString()).toBe('2026-11-27T11:38:13.990Z');
    expect(instantOf('2026-11-27 03:30:00+00').toISOString()).toBe('2026-11-27T03:30:00.000Z');
    expect(instantOf('2026-11-27T03:30:00.123456+00:00').toISOString()).toBe(
      '2026-11-27T03:30:00.123Z',
    );
    expect(instantOf('2026-11-27 09:00:00.123456+05:30').toISOString()).toBe(
      '2026-11-27T03:30:00.123Z',
    );
    expect(optionalInstantOf(null)).toBeNull();
    expect(() => instantOf('yesterday')).toThrow(/not a timestamp/);
  });
});
