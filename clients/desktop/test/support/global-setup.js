// Builds the renderer once for the whole jest run: every browser suite loads the same build
// instead of spending a Vite build each. The path reaches the test workers by environment.
// Plain JavaScript because jest loads this outside its transforms; tsx loads the TypeScript.
import { tsImport } from 'tsx/esm/api';

export default async function globalSetup() {
  const { buildRenderer } = await tsImport('./renderer-build.ts', import.meta.url);
  const build = await buildRenderer();
  process.env['OPD_TEST_RENDERER_BUILD'] = build.root;
}
