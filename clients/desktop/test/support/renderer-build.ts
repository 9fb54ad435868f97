// Builds the renderer for a browser test into a fresh temporary folder.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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

const layout = (root: string): RendererBuild => ({
  root,
  appDir: path.join(root, 'app'),
  bridgeFile: path.join(root, 'bridge/bridge.js'),
});

/** The build made once for this jest run by the global setup, else a fresh one. */
export async function sharedRendererBuild(): Promise<RendererBuild & { release(): void }> {
  const shared = process.env['OPD_TEST_RENDERER_BUILD'];
  if (shared) return { ...layout(shared), release: () => undefined };
  const own = await buildRenderer();
  return { ...own, release: () => rmSync(own.root, { recursive: true, force: true }) };
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
  return layout(outDir);
}
