// The monorepo's rules, plus one rule per environment of the desktop app: a file's folder says
// where it runs, and lint refuses an import that cannot work there.
//   src/shared/         std: plain TypeScript, runs everywhere
//   src/preload/        Electron's sandboxed preload: 'electron' and shared only
//   src/renderer/       the page: DOM and React, talks to the app only through window.opd
//   src/main/handlers/  Node: gRPC handlers, also run by the browser tests, so no Electron
//   src/main/           Electron's main process
import globals from 'globals';
import root from '../../eslint.config.js';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'net',
  'http',
  'https',
  'crypto',
  'url',
  'stream',
  'events',
  'util',
  'worker_threads',
];

const no = (group, message) => ({ group, message });
const electron = (message) => no(['electron', 'electron/*'], message);
const grpc = (message) => no(['@grpc/*', '@opd/*'], message);
const node = (message) => no(nodeBuiltins, message);
const react = (message) =>
  no(['react', 'react-dom', 'react-dom/*', '@tanstack/*', 'recharts'], message);
const folder = (name, message) => no([`**/${name}/**`, `./${name}/*`, `../${name}/*`], message);

const restrict = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

export default [
  ...root,
  // Plain Node scripts the tests run in a child process (the Electron stand-in).
  { files: ['test/**/*.js'], languageOptions: { globals: globals.node } },
  restrict(
    ['src/shared/**/*.ts'],
    [
      electron('shared code runs everywhere: no Electron'),
      grpc('shared code crosses IPC as plain data: no gRPC stubs or clients'),
      node('shared code also runs in the page and the preload: no Node built-ins'),
      react('shared code has no UI'),
      folder('main', 'shared code may not depend on the main process'),
      folder('preload', 'shared code may not depend on the preload'),
      folder('renderer', 'shared code may not depend on the renderer'),
    ],
  ),
  restrict(
    ['src/preload/**/*.ts'],
    [
      grpc('the preload only forwards to the main process: no gRPC'),
      node('a sandboxed preload has no Node built-ins'),
      react('the preload has no UI'),
      folder('main', 'the preload reaches the main process only over IPC'),
      folder('renderer', 'the preload may not depend on the renderer'),
    ],
  ),
  restrict(
    ['src/renderer/**/*.ts', 'src/renderer/**/*.tsx'],
    [
      electron('the renderer has no Electron: call window.opd'),
      grpc('the renderer never talks gRPC: call window.opd'),
      node('the renderer is a web page: no Node built-ins'),
      folder('main', 'the renderer reaches the main process only through window.opd'),
      folder('preload', 'the renderer uses window.opd, not the preload module'),
    ],
  ),
  restrict(
    ['src/main/handlers/**/*.ts'],
    [
      electron(
        'handlers also run behind the browser test harness: take what you need as a dependency',
      ),
      react('the main process has no UI'),
      folder('renderer', 'the main process may not depend on the renderer'),
      folder('preload', 'the main process may not depend on the preload'),
    ],
  ),
  restrict(
    ['src/main/*.ts'],
    [
      react('the main process has no UI'),
      folder('renderer', 'the main process may not depend on the renderer'),
      folder('preload', 'the main process may not depend on the preload'),
    ],
  ),
];
