// `npm run desktop` runs this first. Electron 45 no longer downloads its binary when npm installs
// it, and without the binary electron-vite fails with a bare "Error: Electron uninstall"; this
// says what is missing and how to get it, and exits 1.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The folder of the installed `electron` package (OPD_ELECTRON_DIR overrides it, for tests). */
function electronDir(): string {
  const override = process.env['OPD_ELECTRON_DIR'];
  if (override) return override;
  return path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
}

/** Why Electron cannot start, or undefined when its binary is there. */
export function electronBinaryProblem(dir: string): string | undefined {
  const pathFile = path.join(dir, 'path.txt');
  const binary = existsSync(pathFile)
    ? path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
    : undefined;
  if (binary && existsSync(binary)) return undefined;
  return [
    `The Electron binary is missing (looked in ${path.join(dir, 'dist')}).`,
    'Electron 45 no longer downloads it when npm installs the package. Where the internet is',
    'reachable, fetch it once, then run `npm run desktop` again:',
    '',
    '  npx install-electron',
    '',
    'Building and testing the desktop app (npm test) do not need it.',
  ].join('\n');
}

const problem = electronBinaryProblem(electronDir());
if (problem) {
  console.error(problem);
  process.exit(1);
}
