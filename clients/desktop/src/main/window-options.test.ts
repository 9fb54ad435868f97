import { describe, expect, it } from '@jest/globals';
import { APP_ORIGIN, contentSecurityPolicy } from './content-security-policy.js';
import { windowOptions } from './window-options.js';

const directives = (csp: string) =>
  Object.fromEntries(
    csp.split('; ').map((d) => {
      const [name = '', ...values] = d.split(' ');
      return [name, values];
    }),
  );

describe('the counter window', () => {
  const options = windowOptions('/app/preload/index.cjs', { devTools: false });
  const web = options.webPreferences ?? {};

  it('isolates the page from Node and Electron: context isolation, sandbox, no Node integration', () => {
    expect(web).toMatchObject({
      preload: '/app/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('keeps web security on, with no insecure content, webviews or experimental features', () => {
    expect(web).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
    expect(web).not.toHaveProperty('enableBlinkFeatures');
  });

  it('opens developer tools only when asked to (development)', () => {
    expect(windowOptions('/p', { devTools: true }).webPreferences?.devTools).toBe(true);
  });
});

describe('the content security policy', () => {
  it('allows nothing by default and only the app itself for scripts, styles and images', () => {
    const csp = directives(contentSecurityPolicy());
    expect(csp).toEqual({
      'default-src': ["'none'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'frame-src': ["'none'"],
      'worker-src': ["'none'"],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
      'frame-ancestors': ["'none'"],
    });
  });

  it('never allows evaluated script or anything remote, not even in development', () => {
    for (const csp of [
      contentSecurityPolicy(),
      contentSecurityPolicy({ devServer: 'http://localhost:5173' }),
    ]) {
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).not.toMatch(/https?:|\*/);
    }
    expect(contentSecurityPolicy()).not.toContain('unsafe-inline');
  });

  it("adds only what Vite's hot reload needs from the local development server", () => {
    const dev = directives(contentSecurityPolicy({ devServer: 'http://localhost:5173/' }));
    expect(dev['connect-src']).toEqual(["'self'", 'ws://localhost:5173']);
    expect(dev['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev['script-src']).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it('serves the app from its own origin, not file://', () => {
    expect(APP_ORIGIN).toBe('app://opd');
  });
});
