import { describe, expect, it } from '@jest/globals';
import { Source, TokenStatus } from '@opd/api';
import { wireNames } from './wire-names.js';

describe('the wire names of an enum', () => {
  it('list every value but the unspecified one, in number order, with the prefix', () => {
    expect(wireNames(Source)).toEqual([
      'SOURCE_EMERGENCY',
      'SOURCE_PAID',
      'SOURCE_FOLLOW_UP',
      'SOURCE_WALK_IN',
      'SOURCE_ONLINE',
    ]);
    expect(wireNames(TokenStatus)).toContain('TOKEN_STATUS_NO_SHOW');
  });
});
