#!/usr/bin/env node
// `npx opd …` inside the repo: runs the CLI from its TypeScript sources (workspace packages
// resolve to their sources through the "@opd/source" condition, so nothing needs building).
import { spawn } from 'node:child_process';
import { URL, fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const child = spawn(
  process.execPath,
  [
    '--conditions=@opd/source',
    '--import',
    import.meta.resolve('tsx'),
    main,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
// Ctrl-C in a terminal reaches the child directly (same process group): wait for it to
// stop. A SIGTERM sent to this process alone is passed on.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 1)));
