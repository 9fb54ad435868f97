import type { Context } from '@opd/engine';
import type { CommandEnv } from './command-env.js';

/** The engine's view of the world at this instant: the clock, the rules, and fresh ids. */
export const engineContext = (env: CommandEnv): Context => ({
  now: env.clock.now(),
  newId: env.newId,
  policy: env.hospital.policy,
});
