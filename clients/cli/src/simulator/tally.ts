import { Source } from '@opd/api';
import { sourceName } from '../format.js';
import { renderTable } from '../table.js';

/** What happened to the simulated patients, counted per source. */
export const OUTCOMES = [
  'arrived',
  'allocated',
  'preempting',
  'waitlisted',
  'displaced',
  'promoted',
  'cancelled',
  'withdrew',
  'checkedIn',
  'completed',
  'noShow',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

const HEADINGS: Readonly<Record<Outcome, string>> = {
  arrived: 'ARRIVED',
  allocated: 'ALLOCATED',
  preempting: 'DISPLACED_SOMEONE',
  waitlisted: 'WAITLISTED',
  displaced: 'DISPLACED',
  promoted: 'PROMOTED',
  cancelled: 'CANCELLED',
  withdrew: 'LEFT_WAITLIST',
  checkedIn: 'CHECKED_IN',
  completed: 'COMPLETED',
  noShow: 'NO_SHOW',
};

const SOURCES = [
  Source.SOURCE_EMERGENCY,
  Source.SOURCE_PAID,
  Source.SOURCE_FOLLOW_UP,
  Source.SOURCE_WALK_IN,
  Source.SOURCE_ONLINE,
];

/** Things that did not happen, and why. */
export interface Misses {
  alreadyHeld: number;
  refused: Map<string, number>;
  noShowTooEarly: number;
  raced: number;
  errors: number;
}

export class Tally {
  private readonly counts = new Map<Source, Map<Outcome, number>>();
  readonly misses: Misses = {
    alreadyHeld: 0,
    refused: new Map(),
    noShowTooEarly: 0,
    raced: 0,
    errors: 0,
  };
  /** Tokens displaced that the simulator did not issue (booked before it started). */
  displacedOutsiders = 0;
  readonly requestLatenciesMs: number[] = [];

  add(source: Source, outcome: Outcome): void {
    const row = this.counts.get(source) ?? new Map<Outcome, number>();
    row.set(outcome, (row.get(outcome) ?? 0) + 1);
    this.counts.set(source, row);
  }

  count(outcome: Outcome, source?: Source): number {
    const sources = source === undefined ? SOURCES : [source];
    return sources.reduce((sum, s) => sum + (this.counts.get(s)?.get(outcome) ?? 0), 0);
  }

  refused(reason: string): void {
    this.misses.refused.set(reason, (this.misses.refused.get(reason) ?? 0) + 1);
  }

  /** The per-source table, with a TOTAL row. */
  table(): string[] {
    const row = (label: string, source?: Source) => [
      label,
      ...OUTCOMES.map((o) => String(this.count(o, source))),
    ];
    return renderTable(
      ['SOURCE', ...OUTCOMES.map((o) => HEADINGS[o])],
      [...SOURCES.map((s) => row(sourceName(s), s)), row('TOTAL')],
      ['left', ...OUTCOMES.map(() => 'right' as const)],
    );
  }

  /** p50 and p99 of RequestToken round trips, in milliseconds. */
  latency(): { p50: number; p99: number } {
    const sorted = [...this.requestLatenciesMs].sort((a, b) => a - b);
    const at = (q: number) =>
      sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    return { p50: at(0.5), p99: at(0.99) };
  }
}
