import { describe, expect, it } from '@jest/globals';
import { ApiError } from './api-error.js';
import { authorize } from './authorize.js';
import type { Caller } from './caller.js';

const analyst: Caller = { keyName: 'reports-1', role: 'reporting', peer: '', userAgent: '' };

describe('authorize', () => {
  it('lets a caller whose role is allowed through', () => {
    expect(() => authorize(analyst, 'ListTokens', ['reporting', 'admin'])).not.toThrow();
  });

  it('refuses any other role with ROLE_NOT_ALLOWED naming the role and method', () => {
    let thrown: unknown;
    try {
      authorize(analyst, 'RequestToken', ['counter', 'integration', 'admin']);
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(ApiError);
    expect(thrown).toMatchObject({
      code: 'PERMISSION_DENIED',
      reason: 'ROLE_NOT_ALLOWED',
      metadata: { role: 'reporting', method: 'RequestToken' },
    });
  });
});
