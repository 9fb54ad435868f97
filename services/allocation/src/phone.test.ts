import { describe, expect, it } from '@jest/globals';
import { normalisePhone } from './phone.js';

describe('reading a patient phone number', () => {
  it('reads a ten-digit Indian mobile in the default country', () => {
    expect(normalisePhone('98765 43210', 'IN')).toBe('+919876543210');
  });

  it('reads the same number written with its country code and punctuation', () => {
    expect(normalisePhone('+91 (98765) 43-210', 'IN')).toBe('+919876543210');
    expect(normalisePhone('0091 98765 43210', 'IN')).toBe('+919876543210');
  });

  it('refuses what is not a phone number', () => {
    expect(normalisePhone('12345', 'IN')).toBeUndefined();
    expect(normalisePhone('call me', 'IN')).toBeUndefined();
    expect(normalisePhone('', 'IN')).toBeUndefined();
  });
});
