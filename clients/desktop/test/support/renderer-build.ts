// Builds the renderer for a browser test into a fresh temporary folder.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './service-process.js';

export interface RendererBuild {
  /** The temporary folder holding both; remove it when done. */
  readonly root: string;
  /** The built app (index.html and assets). */
  readonly appDir: string;
  /** The bridge script that installs window.opd. */
  readonly bridgeFile: string;
}

export async function buildRenderer(): Promise<RendererBuild> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'opd-desktop-renderer-'));
  const script = path.join(import.meta.dirname, 'build-renderer.ts');
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), script, outDir],
      { cwd: path.resolve(import.meta.dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`the renderer build failed:\n${output.join('')}`);
  return {
    root: outDir,
    appDir: path.join(outDir, 'app'),
    bridgeFile: path.join(outDir, 'bridge/bridge.js'),
  };
}
