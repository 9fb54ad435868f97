// Builds what the browser tests load: the renderer exactly as the app ships it, and the
// bridge script. Run as a child process (`tsx build-renderer.ts <outDir>`), outside jest's VM.
import path from 'node:path';
import { build } from 'vite';
import { rendererViteConfig } from '../../renderer.vite.config.js';

const outDir = process.argv[2];
if (!outDir) throw new Error('usage: build-renderer.ts <outDir>');

await build({
  ...rendererViteConfig(path.join(outDir, 'app')),
  configFile: false,
  logLevel: 'warn',
});
await build({
  configFile: false,
  logLevel: 'warn',
  root: import.meta.dirname,
  build: {
    outDir: path.join(outDir, 'bridge'),
    emptyOutDir: true,
    minify: false,
    lib: {
      entry: path.join(import.meta.dirname, 'browser-bridge.ts'),
      formats: ['iife'],
      name: 'opdBridge',
      fileName: () => 'bridge.js',
    },
  },
});
