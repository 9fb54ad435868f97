// The renderer's Vite settings, shared by electron-vite (the app) and the browser tests, so the
// page under test is built exactly like the page the counter runs.
import path from 'node:path';
import react from '@vitejs/plugin-react';
import type { UserConfig } from 'vite';

const here = import.meta.dirname;

export function rendererViteConfig(outDir = path.join(here, 'dist/renderer')): UserConfig {
  return {
    root: path.join(here, 'src/renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      sourcemap: true,
      minify: true,
      // One page, no remote assets: everything the CSP allows comes from the app itself.
      assetsInlineLimit: 0,
      chunkSizeWarningLimit: 1500,
    },
  };
}
