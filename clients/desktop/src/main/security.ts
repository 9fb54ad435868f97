// Electron's security checklist for everything that is not a window option: no navigation
// away from the app, no new windows, no webviews, every permission request refused.
import { app, session } from 'electron';
import { originOf } from './ipc-sender.js';

export function hardenApp(trustedOrigins: readonly string[]): void {
  const isOurs = (url: string): boolean => {
    const origin = originOf(url);
    return origin !== null && trustedOrigins.includes(origin);
  };
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!isOurs(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isOurs(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  const defaultSession = session.defaultSession;
  defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  defaultSession.setPermissionCheckHandler(() => false);
  defaultSession.setDevicePermissionHandler(() => false);
}

/** In development the dev server's pages get the CSP as a header too. */
export function addCspHeader(csp: string): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] },
    });
  });
}
