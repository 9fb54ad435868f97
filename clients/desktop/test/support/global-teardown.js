// Removes the renderer build the global setup made.
import { rmSync } from 'node:fs';

export default function globalTeardown() {
  const root = process.env['OPD_TEST_RENDERER_BUILD'];
  if (root) rmSync(root, { recursive: true, force: true });
}
