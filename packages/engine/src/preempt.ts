import { hasStarted } from './slots.js';
import type { DoctorDay, Instant, Token } from './types.js';

/**
 * Tokens that may be displaced: ALLOCATED (not checked in), not protected by an earlier
 * displacement, in a slot that has not started.
 */
export function preemptionCandidates(day: DoctorDay, now: Instant): Token[] {
  const notStarted = new Set(day.slots.filter((s) => !hasStarted(s, now)).map((s) => s.id));
  return day.tokens.filter(
    (t) => t.status === 'ALLOCATED' && !t.protected && notStarted.has(t.slotId),
  );
}

/**
 * The token that would make way for a more urgent request: the lowest priority; among equals the
 * latest requested; among those the highest token number. The caller preempts it only if its
 * priority is strictly lower than the incoming one.
 */
export function choosePreemptionVictim(day: DoctorDay, now: Instant): Token | undefined {
  let victim: Token | undefined;
  for (const token of preemptionCandidates(day, now)) {
    if (!victim || yieldsBefore(token, victim)) victim = token;
  }
  return victim;
}

function yieldsBefore(a: Token, b: Token): boolean {
  if (a.priority !== b.priority) return a.priority < b.priority;
  if (a.requestedAt !== b.requestedAt) return a.requestedAt > b.requestedAt;
  return a.number > b.number;
}
