import type { DoctorDay, DomainEvent } from '@opd/engine';
import type { DayView } from './day-view.js';

/** How many of a doctor's latest consultations the expected times learn from (DESIGN.md §3b). */
const KEPT = 20;

/**
 * The view after a change, with the consultations it completed added to what the doctor's
 * expected times learn from, so a day this process keeps need not be read again to learn them.
 */
export function withConsultations(
  view: DayView,
  before: DoctorDay,
  events: readonly DomainEvent[],
): DayView {
  const added: number[] = [];
  for (const event of events) {
    if (event.type !== 'TokenCompleted') continue;
    const calledAt = before.tokens.find((t) => t.id === event.tokenId)?.calledAt;
    if (calledAt !== undefined) added.push((event.occurredAt - calledAt) / 60_000);
  }
  if (added.length === 0) return view;
  return { ...view, consultations: [...view.consultations, ...added].slice(-KEPT) };
}
