import { describe, expect, it } from '@jest/globals';
import { Role } from '@opd/api';
import { actorOf } from './caller.js';

describe('actorOf', () => {
  it('records the key name, role and client of the caller', () => {
    const actor = actorOf({
      keyName: 'counter-3',
      role: 'counter',
      peer: '10.2.0.14:51234',
      userAgent: 'opd-desktop/1.2.0 grpc-node-js/1.14.7',
    });

    expect(actor).toEqual({
      keyName: 'counter-3',
      role: Role.ROLE_COUNTER,
      client: { peer: '10.2.0.14:51234', userAgent: 'opd-desktop/1.2.0 grpc-node-js/1.14.7' },
    });
  });
});
