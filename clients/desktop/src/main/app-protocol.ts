// Serves the built renderer from app://opd instead of file:// (Electron's checklist: file://
// pages get more privileges than they need), with the CSP on every response.
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { contentTypeOf, rendererFile } from './renderer-files.js';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRenderer(rootDir: string, csp: string): void {
  protocol.handle('app', async (request) => {
    const file = rendererFile(rootDir, request.url);
    if (file === null) return new Response('Not found', { status: 404 });
    try {
      return new Response(await readFile(file), {
        headers: {
          'content-type': contentTypeOf(file),
          'content-security-policy': csp,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
