import { createHash } from 'node:crypto';

/**
 * A UUID derived from its parts, so every request the demo loader sends has the same
 * idempotency key each time it runs: a second run replays instead of adding.
 */
export function demoId(...parts: readonly (string | number)[]): string {
  const hex = createHash('sha256')
    .update(['opd-demo', ...parts].join('\u0000'))
    .digest('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `5${hex.slice(13, 16)}`,
    `${((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}

/** A number in [0, 1) derived from its parts: the demo's dice, the same on every run. */
export function demoChance(...parts: readonly (string | number)[]): number {
  const hex = createHash('sha256')
    .update(['opd-demo-chance', ...parts].join('\u0000'))
    .digest('hex');
  return parseInt(hex.slice(0, 12), 16) / 2 ** 48;
}
