// The renderer's Content-Security-Policy, sent as a response header by the app:// protocol
// (and, in development, added to the dev server's responses). Nothing remote, no inline
// script, no eval, no frames, no plugins. Development only adds what Vite's hot reload needs
// from the local dev server: its inline React-refresh preamble and <style> tags, and its
// websocket. Never eval, not even then.

export const APP_ORIGIN = 'app://opd';

export function contentSecurityPolicy(
  options: { readonly devServer?: string | undefined } = {},
): string {
  const dev = options.devServer ? new URL(options.devServer) : null;
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    'script-src': dev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    'style-src': dev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': dev ? ["'self'", `ws://${dev.host}`] : ["'self'"],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'worker-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}
