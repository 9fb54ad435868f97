// Found by an attacker (issue 12, item 6): docker-compose.yml's fallback page-token secret is
// public, yet the services took it in production and signed page tokens anyone could forge.
// Each service, started as a process in production with a known default, refuses to start.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..', '..');
const NODE = path.join(ROOT, 'node_modules', '.bin', 'node');

async function start(entry: string, secret: string): Promise<{ code: number; stderr: string }> {
  try {
    await promisify(execFile)(NODE, ['--conditions=@opd/source', '--import', 'tsx', entry], {
      cwd: ROOT,
      env: {
        PATH: process.env['PATH'] ?? '',
        NODE_ENV: 'production',
        OPD_PAGE_TOKEN_SECRET: secret,
        OPD_API_KEYS: 'admin:admin:plain=key-of-a-test',
      },
    });
    return { code: 0, stderr: '' };
  } catch (error) {
    const failed = error as { code?: number; stderr?: string };
    return { code: failed.code ?? -1, stderr: failed.stderr ?? '' };
  }
}

describe('a service started in production with a publicly known page-token secret', () => {
  it.each([
    ['allocation', 'services/allocation/src/main.ts'],
    ['reporting', 'services/reporting/src/main.ts'],
  ])(
    '(%s) refuses to start and names the variable',
    async (_name, entry) => {
      for (const known of ['change-me-page-token-secret', 'opd-dev-page-token-secret']) {
        const { code, stderr } = await start(entry, known);
        expect(code).toBe(1);
        expect(stderr).toContain(
          'OPD_PAGE_TOKEN_SECRET: is a publicly known default or placeholder',
        );
        expect(stderr).not.toContain(known);
      }
    },
    60_000,
  );
});
