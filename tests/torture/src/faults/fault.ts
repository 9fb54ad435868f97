// A fault as it was injected: when, for how long its victim was away, the facts that show it
// really happened (a fault that did not happen proves nothing), and how the services behaved.

export type FaultKind =
  | 'kill -9 allocation'
  | 'kill -9 allocation mid-batch'
  | 'NATS outage'
  | 'kill -9 reporting'
  | 'PostgreSQL restart';

export interface FaultRecord {
  readonly kind: FaultKind;
  readonly startedAt: number;
  /** When the victim was back (started again and healthy). */
  readonly endedAt: number;
  readonly evidence: readonly string[];
  /** Every fact the fault needs was there. */
  readonly happened: boolean;
  /** What the services should have done meanwhile and did not (e.g. report the outage). */
  readonly unmet: readonly string[];
}

/** Collects what a fault showed while it ran. */
export class Evidence {
  readonly facts: string[] = [];
  readonly unmet: string[] = [];
  #missing = 0;

  note(fact: string): void {
    this.facts.push(fact);
  }

  /** A fact the fault itself must show: noted as is when true, as "NOT: …" when false. */
  require(holds: boolean, fact: string): void {
    if (!holds) this.#missing += 1;
    this.facts.push(holds ? fact : `NOT: ${fact}`);
  }

  /** What a service should do during the fault; a miss is the service's, not the fault's. */
  expect(holds: boolean, behaviour: string): void {
    this.facts.push(holds ? behaviour : `NOT: ${behaviour}`);
    if (!holds) this.unmet.push(behaviour);
  }

  get complete(): boolean {
    return this.#missing === 0;
  }

  record(kind: FaultKind, startedAt: number): FaultRecord {
    return {
      kind,
      startedAt,
      endedAt: Date.now(),
      evidence: this.facts,
      happened: this.complete,
      unmet: this.unmet,
    };
  }
}
