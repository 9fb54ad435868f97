import { describe, expect, it } from '@jest/globals';
import { addressOf } from './peer-address.js';

describe('the client address of a peer', () => {
  it('is the peer without its port, for IPv4 and IPv6', () => {
    expect(addressOf('10.2.0.14:51234')).toBe('10.2.0.14');
    expect(addressOf('::1:51234')).toBe('::1');
    expect(addressOf('[::ffff:10.0.0.1]:443')).toBe('::ffff:10.0.0.1');
    expect(addressOf('unknown')).toBe('unknown');
  });
});
