import { describe, expect, it } from '@jest/globals';
import { APP_ORIGIN, contentSecurityPolicy } from './content-security-policy.js';
import { displayWindowOptions, tvBounds, windowOptions } from './window-options.js';

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

describe('the waiting-room display window', () => {
  const tv = { x: 1920, y: 0, width: 1920, height: 1080 };
  const options = displayWindowOptions('/app/preload/index.cjs', { devTools: false, bounds: tv });

  it('fills the TV it is put on', () => {
    expect(options).toMatchObject({ ...tv, fullscreen: true, backgroundColor: '#000000' });
  });

  it('announces calls with nobody at the screen: no throttling, sound without a click', () => {
    expect(options.webPreferences).toMatchObject({
      backgroundThrottling: false,
      autoplayPolicy: 'no-user-gesture-required',
    });
  });

  it('goes to the second screen when there is one (the TV), else the only one', () => {
    const laptop = { id: 1, bounds: { x: 0, y: 0, width: 1366, height: 768 } };
    expect(tvBounds([laptop, { id: 7, bounds: tv }], 1)).toEqual(tv);
    expect(tvBounds([laptop], 1)).toEqual(laptop.bounds);
    expect(tvBounds([], 1)).toBeNull();
  });

  it("is locked down like the counter's window", () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: false,
    });
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
