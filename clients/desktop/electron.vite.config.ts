// electron-vite: the main process (ESM, every dependency bundled, workspace packages from their
// sources, so a packaged app needs no node_modules), the preload (one CommonJS file, as a
// sandboxed preload must be) and the renderer.
import path from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererViteConfig } from './renderer.vite.config.js';

const here = import.meta.dirname;
// Tests build into a folder of their own, never over dist/.
const out = process.env['OPD_DESKTOP_OUT_DIR'] ?? path.join(here, 'dist');

export default defineConfig({
  main: {
    // The main build is an SSR environment: workspace packages resolve to their sources.
    ssr: { resolve: { conditions: ['@opd/source', 'module', 'node', 'production'] } },
    build: {
      outDir: path.join(out, 'main'),
      externalizeDeps: false,
      rolldownOptions: {
        input: path.join(here, 'src/main/index.ts'),
        // Our workspace modules have no import-time effects: drop the ones main never uses
        // (the services' logger, metrics and server code) instead of bundling their deps.
        treeshake: {
          moduleSideEffects: (id: string) => !id.includes(`${path.sep}packages${path.sep}`),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: path.join(out, 'preload'),
      externalizeDeps: false,
      rolldownOptions: {
        input: path.join(here, 'src/preload/index.ts'),
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererViteConfig(path.join(out, 'renderer')),
    build: {
      ...rendererViteConfig(path.join(out, 'renderer')).build,
      rolldownOptions: { input: path.join(here, 'src/renderer/index.html') },
    },
  },
});
