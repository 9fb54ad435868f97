// The read model held in maps, with the same rules as the database one: the reference the
// reducers' unit tests and the consumer's integration tests compare against.
import type { EventEnvelope } from '@opd/api';
import { project, tokensReadBy } from '../projections/project.js';
import { ProjectionError } from '../projections/projection-error.js';
import type { DoctorDayRow, TokenRow } from '../projections/rows.js';
import { sequenceVerdict } from '../projections/sequence-gate.js';

export type Verdict = 'applied' | 'duplicate' | 'gap';

export class InMemoryReadModel {
  readonly days = new Map<string, DoctorDayRow>();
  readonly tokens = new Map<string, TokenRow>();
  readonly #positions = new Map<string, number>();
  readonly #applied = new Set<string>();

  /** Applies one event unless it is a copy (duplicate) or arrived early (gap). */
  apply(event: EventEnvelope): Verdict {
    const verdict = sequenceVerdict(this.#positions.get(event.doctorDayId) ?? 0, event.sequence);
    if (verdict !== 'apply') return verdict;
    if (this.#applied.has(event.eventId)) {
      throw new ProjectionError(`event ${event.eventId} was applied at another sequence`);
    }
    const tokens = new Map<string, TokenRow>();
    for (const id of tokensReadBy(event)) {
      const row = this.tokens.get(id);
      if (row) tokens.set(id, row);
    }
    const change = project({ day: this.days.get(event.doctorDayId), tokens }, event);
    if (change.day) this.days.set(change.day.doctorDayId, change.day);
    for (const row of change.tokens) this.tokens.set(row.tokenId, row);
    this.#positions.set(event.doctorDayId, event.sequence);
    this.#applied.add(event.eventId);
    return 'applied';
  }

  /**
   * Delivers events in the order given, as JetStream would with redelivery: an event that
   * arrives before its predecessor goes to the back of the queue and is offered again.
   */
  static deliver(events: readonly EventEnvelope[]): InMemoryReadModel {
    const model = new InMemoryReadModel();
    const queue = [...events];
    let sinceProgress = 0;
    while (queue.length > 0 && sinceProgress <= queue.length) {
      const event = queue.shift() as EventEnvelope;
      if (model.apply(event) === 'gap') {
        queue.push(event);
        sinceProgress += 1;
      } else {
        sinceProgress = 0;
      }
    }
    if (queue.length > 0) throw new Error(`${queue.length} events wait for missing ones`);
    return model;
  }

  /** Rows in a stable order, for comparing two read models. */
  snapshot(): { days: DoctorDayRow[]; tokens: TokenRow[] } {
    return {
      days: [...this.days.values()].sort(byKey((d) => d.doctorDayId)),
      tokens: [...this.tokens.values()].sort(byKey((t) => t.tokenId)),
    };
  }
}

/** Orders by a string key, code point by code point (the same everywhere, unlike collations). */
export function byKey<T>(key: (row: T) => string): (a: T, b: T) => number {
  return (a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}
