// A fault as it was injected: when, for how long its victim was away, the facts that show it
// really happened (a fault that did not happen proves nothing), and how the services behaved.

export type FaultKind =
  | 'kill -9 allocation'
  | 'kill -9 allocation mid-batch'
  | 'NATS outage'
  | 'kill -9 reporting'
  | 'PostgreSQL restart'
  | 'kill -9 an allocation instance'
  | 'kill -9 the NATS stream leader'
  | 'kill -9 a reporting instance'
  | 'PostgreSQL failover';

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
  /** Durations the fault measured, in milliseconds (e.g. failoverMs). */
  readonly measures: Readonly<Record<string, number>>;
}

/** Collects what a fault showed while it ran. */
export class Evidence {
  readonly facts: string[] = [];
  readonly unmet: string[] = [];
  readonly measures: Record<string, number> = {};
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

  /** A duration worth reporting on its own (it is in the facts too, in words). */
  measure(name: string, ms: number): void {
    this.measures[name] = ms;
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
      measures: this.measures,
    };
  }
}
