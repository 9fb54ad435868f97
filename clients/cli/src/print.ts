import type { GlobalOptions } from './global-options.js';
import type { CliContext } from './io.js';

/**
 * Prints an answer: with --json, the protobuf JSON of the response (for scripts); otherwise
 * the lines a person reads.
 */
export function print(
  ctx: CliContext,
  options: GlobalOptions,
  json: () => unknown,
  text: () => readonly string[],
): void {
  ctx.output.out(options.json ? JSON.stringify(json(), null, 2) : text().join('\n'));
}
