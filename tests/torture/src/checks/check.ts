// One check: what it looked at and every violation it found, in words a reviewer can act on.

export interface KnownFinding {
  /** The id of the known service bug it matched (checks/known-service-bugs.ts). */
  readonly bug: string;
  readonly detail: string;
}

export interface CheckResult {
  readonly name: string;
  /** How many things it examined (slots, requests, events…), so a check that saw nothing shows. */
  readonly examined: number;
  readonly violations: readonly string[];
  /** Findings that match a known, reported service bug exactly: shown, not counted. */
  readonly known: readonly KnownFinding[];
}

export class Check {
  examined = 0;
  readonly violations: string[] = [];
  readonly known: KnownFinding[] = [];

  constructor(readonly name: string) {}

  /** Counts one examined item and records `problem` if it is a string. */
  look(problem?: string | false): void {
    this.examined += 1;
    if (problem) this.violations.push(problem);
  }

  fail(problem: string): void {
    this.violations.push(problem);
  }

  /** Records `problem` as a known service bug's (when `bug` is given) or as a violation. */
  findKnown(bug: { readonly id: string } | undefined, problem: string): void {
    if (bug) this.known.push({ bug: bug.id, detail: problem });
    else this.violations.push(problem);
  }

  result(): CheckResult {
    return {
      name: this.name,
      examined: this.examined,
      violations: this.violations,
      known: this.known,
    };
  }
}

/** Groups `items` by `key`. */
export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Counts `items` by `key`. */
export function countBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, number> {
  const counts = new Map<K, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

export const HELD: readonly string[] = ['ALLOCATED', 'CHECKED_IN', 'COMPLETED'];
