import { describe, expect, it } from '@jest/globals';
import { ApiError } from './api-error.js';
import { isDatabaseUnavailable } from './database-unavailable.js';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('a database that is away', () => {
  it.each([
    ['the server shutting down (57P01)', withCode('57P01')],
    ['a server still starting (57P03)', withCode('57P03')],
    ['a connection exception (08006)', withCode('08006')],
    ['too many connections (53300)', withCode('53300')],
    ['a refused socket', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    [
      'a dead pooled client',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    ['no connection in time', new Error('timeout exceeded when trying to connect')],
  ])('is recognised from %s, and answered UNAVAILABLE', (_case, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(ApiError.from(error).code).toBe('UNAVAILABLE');
  });

  it('is recognised when an ORM wraps the driver error as its cause', () => {
    const wrapped = new Error('query failed', { cause: withCode('57P01') });
    expect(ApiError.from(wrapped).code).toBe('UNAVAILABLE');
  });

  it.each([
    ['a unique violation (23505)', withCode('23505')],
    ['a cancelled statement (57014)', withCode('57014')],
    ['a deadlock (40P01)', withCode('40P01')],
    ['a programming error', new TypeError('cannot read properties of undefined')],
    ['a thrown string', 'nope'],
  ])('is not %s, which stays INTERNAL', (_case, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(ApiError.from(error).code).toBe('INTERNAL');
  });
});
