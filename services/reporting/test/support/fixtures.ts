import { Source, type EventEnvelope } from '@opd/api';
import { DoctorDayScript, type ScriptOptions } from '../../src/testing/doctor-day-script.js';
import { InMemoryReadModel } from '../../src/testing/in-memory-read-model.js';
import type { TokenRow } from '../../src/projections/rows.js';
import type { Harness } from './harness.js';

const SOURCES = [
  Source.SOURCE_WALK_IN,
  Source.SOURCE_ONLINE,
  Source.SOURCE_PAID,
  Source.SOURCE_FOLLOW_UP,
  Source.SOURCE_EMERGENCY,
];

/**
 * A doctor-day with `tokens` patients from every source, some of whom check in and are seen,
 * cancel or do not come.
 */
export function aDayOfTokens(tokens: number, options: ScriptOptions = {}): DoctorDayScript {
  const day = new DoctorDayScript({ capacities: [tokens], ...options }).open();
  for (let i = 0; i < tokens; i++) {
    const id = day.allocate({ source: SOURCES[i % SOURCES.length] as Source });
    if (i % 4 === 1) day.checkIn(id).complete(id);
    else if (i % 4 === 2) day.cancel(id);
    else if (i % 7 === 3) day.noShow(id);
  }
  return day;
}

/** The reporting read model's counter: how many events the harness has been given in all. */
export class Feed {
  #published = 0;

  constructor(private readonly h: Harness) {}

  /** Publishes the events and waits until they are all applied. */
  async apply(events: readonly EventEnvelope[]): Promise<void> {
    await this.h.publisher.publishAll(events);
    this.#published += events.length;
    await this.h.applied(this.#published);
  }

  /** Publishes without waiting. */
  async publish(events: readonly EventEnvelope[]): Promise<void> {
    await this.h.publisher.publishAll(events);
    this.#published += events.length;
  }

  async settled(): Promise<void> {
    await this.h.applied(this.#published);
  }
}

/** The token rows the reference model holds for the days, in ListTokens order. */
export function tokensInListOrder(days: readonly DoctorDayScript[]): TokenRow[] {
  const model = InMemoryReadModel.deliver(days.flatMap((d) => d.events));
  return [...model.tokens.values()].sort(
    (a, b) =>
      compare(a.date, b.date) || compare(a.doctorId, b.doctorId) || a.tokenNumber - b.tokenNumber,
  );
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
