// `npm run desktop` where Electron's binary was never downloaded (issue 12, item 12): the app's
// launcher says what is missing and how to get it, instead of "Error: Electron uninstall".
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const NODE = path.join(ROOT, 'node_modules', '.bin', 'node');
const SCRIPT = path.resolve(import.meta.dirname, '..', 'scripts', 'check-electron.ts');

describe('starting the desktop app without the Electron binary', () => {
  it('says to run npx install-electron, and exits 1', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'opd-no-electron-'));
    const env: NodeJS.ProcessEnv = { ...process.env, OPD_ELECTRON_DIR: empty };
    delete env['NODE_OPTIONS'];
    const run = await promisify(execFile)(NODE, ['--import', 'tsx', SCRIPT], { env }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The Electron binary is missing');
    expect(run.stderr).toContain('npx install-electron');
  }, 60_000);
});
