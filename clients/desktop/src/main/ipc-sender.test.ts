import { describe, expect, it } from '@jest/globals';
import { isTrustedFrame, originOf } from './ipc-sender.js';

const trusted = ['app://opd'];

describe('who may call the main process', () => {
  it("accepts the top frame of the app's own page", () => {
    expect(isTrustedFrame({ url: 'app://opd/index.html', parent: null }, trusted)).toBe(true);
  });

  it('drops a sub-frame, even one showing the app', () => {
    expect(isTrustedFrame({ url: 'app://opd/index.html', parent: {} }, trusted)).toBe(false);
  });

  it('drops any other origin, a file:// page, and a missing frame', () => {
    expect(isTrustedFrame({ url: 'https://evil.example/', parent: null }, trusted)).toBe(false);
    expect(isTrustedFrame({ url: 'app://opd.evil/index.html', parent: null }, trusted)).toBe(false);
    expect(isTrustedFrame({ url: 'file:///app/index.html', parent: null }, trusted)).toBe(false);
    expect(isTrustedFrame(null, trusted)).toBe(false);
  });

  it('trusts the dev server by scheme, host and port only', () => {
    expect(originOf('http://localhost:5173/src/index.html')).toBe('http://localhost:5173');
    expect(
      isTrustedFrame({ url: 'http://localhost:5174/', parent: null }, ['http://localhost:5173']),
    ).toBe(false);
    expect(originOf('not a url')).toBeNull();
  });
});
