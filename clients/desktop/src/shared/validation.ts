// Small checkers for what crosses IPC. A checker returns the value it read (rebuilt, so unknown
// properties never pass through) and records every violation with the field's path.
// Environment: std.

export interface Violation {
  readonly field: string;
  readonly description: string;
}

/** Reads `value` at `path`; pushes violations to `out` and returns a best-effort value. */
export type Check<T> = (value: unknown, path: string, out: Violation[]) => T;

export type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly violations: readonly Violation[] };

/** Runs a checker on a whole payload. */
export function run<T>(check: Check<T>, value: unknown): Checked<T> {
  const violations: Violation[] = [];
  const result = check(value, '', violations);
  return violations.length === 0 ? { ok: true, value: result } : { ok: false, violations };
}

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);
const fieldOf = (path: string): string => (path === '' ? 'request' : path);

export function text(options: { max: number; required?: boolean; label?: string }): Check<string> {
  return (value, path, out) => {
    if (typeof value !== 'string') {
      out.push({ field: fieldOf(path), description: 'must be text' });
      return '';
    }
    if (options.required && value.trim() === '') {
      out.push({ field: fieldOf(path), description: `enter ${options.label ?? 'a value'}` });
    } else if (value.length > options.max) {
      out.push({ field: fieldOf(path), description: `must be at most ${options.max} characters` });
    }
    return value;
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const uuid: Check<string> = (value, path, out) => {
  if (typeof value !== 'string' || !UUID.test(value)) {
    out.push({ field: fieldOf(path), description: 'must be an id (UUID)' });
    return '';
  }
  return value.toLowerCase();
};

/** A UUID, or '' meaning "none" (filters such as "all doctors"). */
export const optionalUuid: Check<string> = (value, path, out) =>
  value === '' ? '' : uuid(value, path, out);

export const nullableUuid: Check<string | null> = (value, path, out) =>
  value === null ? null : uuid(value, path, out);

/** True for a real calendar date written "YYYY-MM-DD". */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export const isoDate: Check<string> = (value, path, out) => {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    out.push({ field: fieldOf(path), description: 'must be a date like 2026-11-30' });
    return '';
  }
  return value;
};

export const hhmm: Check<string> = (value, path, out) => {
  if (typeof value !== 'string' || !/^([01]\d|2[0-3]):[0-5]\d$/.test(value)) {
    out.push({ field: fieldOf(path), description: 'must be a time like 09:30' });
    return '';
  }
  return value;
};

export function int(min: number, max: number): Check<number> {
  return (value, path, out) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      out.push({
        field: fieldOf(path),
        description: `must be a whole number from ${min} to ${max}`,
      });
      return min;
    }
    return value;
  };
}

export const bool: Check<boolean> = (value, path, out) => {
  if (typeof value !== 'boolean') {
    out.push({ field: fieldOf(path), description: 'must be yes or no' });
    return false;
  }
  return value;
};

export function oneOf<const T extends string>(values: readonly T[]): Check<T> {
  return (value, path, out) => {
    if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
      out.push({ field: fieldOf(path), description: `must be one of ${values.join(', ')}` });
      return values[0] as T;
    }
    return value as T;
  };
}

export function arrayOf<T>(item: Check<T>, max: number): Check<T[]> {
  return (value, path, out) => {
    if (!Array.isArray(value)) {
      out.push({ field: fieldOf(path), description: 'must be a list' });
      return [];
    }
    if (value.length > max) {
      out.push({ field: fieldOf(path), description: `must have at most ${max} entries` });
      return [];
    }
    return value.map((v: unknown, i) => item(v, `${path}[${i}]`, out));
  };
}

type Shape = Record<string, Check<unknown>>;
type Out<S extends Shape> = { [K in keyof S]: S[K] extends Check<infer T> ? T : never };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An object with exactly these properties read (others are dropped, never passed on). */
export function object<S extends Shape>(shape: S): Check<Out<S>> {
  return (value, path, out) => {
    const source = isRecord(value) ? value : {};
    if (!isRecord(value)) out.push({ field: fieldOf(path), description: 'must be an object' });
    const result: Record<string, unknown> = {};
    for (const [key, check] of Object.entries(shape)) {
      result[key] = check(source[key], join(path, key), out);
    }
    return result as Out<S>;
  };
}

/** A payload that must be empty (null or undefined). */
export const nothing: Check<null> = (value, path, out) => {
  if (value !== null && value !== undefined) {
    out.push({ field: fieldOf(path), description: 'must be empty' });
  }
  return null;
};
