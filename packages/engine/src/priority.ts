import type { Policy, Source } from './types.js';

/** EMERGENCY > PAID > FOLLOW_UP > WALK_IN > ONLINE, as numbers so deployments can re-weigh them. */
export const DEFAULT_SOURCE_PRIORITY: Readonly<Record<Source, number>> = {
  EMERGENCY: 50,
  PAID: 40,
  FOLLOW_UP: 30,
  WALK_IN: 20,
  ONLINE: 10,
};

export const DEFAULT_POLICY: Policy = {
  sourcePriority: DEFAULT_SOURCE_PRIORITY,
  noShowGraceMinutes: 15,
  waitlistBound: { share: 0.25, minimum: 5 },
  undoWindowMinutes: 10,
};

export interface PriorityRequest {
  readonly source: Source;
}

/** Turns a request into a priority number; higher is more urgent. */
export type PriorityCalculator = (request: PriorityRequest) => number;

/**
 * Builds the calculator for a deployment. `order` lists sources from most to least urgent, e.g.
 * `['EMERGENCY', 'PAID', 'FOLLOW_UP', 'WALK_IN', 'ONLINE']`; every source must appear once.
 */
export function priorityFromOrder(order: readonly Source[]): Readonly<Record<Source, number>> {
  const unique = new Set(order);
  if (unique.size !== order.length || unique.size !== Object.keys(DEFAULT_SOURCE_PRIORITY).length) {
    throw new RangeError(`priority order must list every source exactly once: ${order.join(',')}`);
  }
  const weights: Partial<Record<Source, number>> = {};
  order.forEach((source, index) => {
    weights[source] = (order.length - index) * 10;
  });
  return weights as Record<Source, number>;
}

export function createPriorityCalculator(policy: Policy): PriorityCalculator {
  return (request) => policy.sourcePriority[request.source];
}

/** Who is served first: higher priority, then the earlier request. Negative when `a` goes first. */
export function compareUrgency(
  a: { readonly priority: number; readonly requestedAt: number },
  b: { readonly priority: number; readonly requestedAt: number },
): number {
  return b.priority - a.priority || a.requestedAt - b.requestedAt;
}
