import { describe, expect, it } from '@jest/globals';
import { ProjectionError } from '../projections/projection-error.js';
import { isTransientFailure } from './database-errors.js';

const pgError = (code: string) => Object.assign(new Error('database said no'), { code });

describe('failures while applying an event', () => {
  it('are transient when the database is away, busy or shutting down', () => {
    for (const code of ['08006', '40001', '40P01', '53300', '57P01', '57014', '55P03']) {
      expect(isTransientFailure(pgError(code))).toBe(true);
    }
    expect(isTransientFailure(pgError('ECONNREFUSED'))).toBe(true);
    expect(isTransientFailure(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('count toward parking the event when they would happen again', () => {
    for (const code of ['23505', '23514', '22P02', '42P01']) {
      expect(isTransientFailure(pgError(code))).toBe(false);
    }
    expect(isTransientFailure(new ProjectionError('token t is not a token of doctor-day d'))).toBe(
      false,
    );
    expect(isTransientFailure(new TypeError('x is undefined'))).toBe(false);
  });
});
