import { describe, expect, it } from '@jest/globals';
import { ApiError } from './api-error.js';
import { PageTokens, pageSize } from './page-token.js';

const tokens = new PageTokens('test-secret');

describe('page tokens', () => {
  it('resume where the last page ended, for the same filters', () => {
    const token = tokens.issue(['2026-11-27', 7], 'doctor=a');
    expect(tokens.read(token, 'doctor=a')).toEqual(['2026-11-27', 7]);
  });

  it('treat an empty token as the first page', () => {
    expect(tokens.read('', 'x')).toBeUndefined();
  });

  it('refuse a token that was edited, forged or issued for other filters', () => {
    const token = tokens.issue([1], 'f');
    const [body, sig] = token.split('.') as [string, string];
    const edited = Buffer.from(JSON.stringify({ p: [999], f: 'f' })).toString('base64url');
    for (const bad of [
      `${edited}.${sig}`,
      `${body}.${sig.slice(1)}`,
      'garbage',
      `${body}.${sig}.x`,
    ]) {
      expect(() => tokens.read(bad, 'f')).toThrow(ApiError);
    }
    expect(() => tokens.read(token, 'g')).toThrow(/page_token/);
    expect(() => new PageTokens('other-secret').read(token, 'f')).toThrow(ApiError);
  });
});

describe('page size', () => {
  it('uses the default for 0, caps at the maximum, and refuses negatives', () => {
    expect(pageSize(0, { default: 50, max: 500 })).toBe(50);
    expect(pageSize(10_000, { default: 50, max: 500 })).toBe(500);
    expect(() => pageSize(-1, { default: 50, max: 500 })).toThrow(/page_size/);
  });
});
