/**
 * What a PostgreSQL failure means to a command. MikroORM maps 40001 and 40P01 to one class and
 * does not map 55P03 at all, so the SQLSTATE code is read directly.
 */
export type DatabaseFailure =
  /** Deadlock, serialization failure or lock timeout: nothing was changed, try again. */
  | { readonly kind: 'retryable'; readonly code: string }
  /** statement_timeout or a cancelled query: the caller's deadline passed. */
  | { readonly kind: 'timeout' }
  /** A constraint the database guards (unique, check, foreign key) refused the change. */
  | { readonly kind: 'constraint'; readonly code: string; readonly constraint: string }
  | { readonly kind: 'other' };

const RETRYABLE = new Set(['40001', '40P01', '55P03']);
const CONSTRAINT = new Set(['23505', '23514', '23503', '23P01']);

export function classifyDatabaseError(error: unknown): DatabaseFailure {
  const code = field(error, 'code') ?? field(error, 'sqlState');
  if (!code) return { kind: 'other' };
  if (RETRYABLE.has(code)) return { kind: 'retryable', code };
  if (code === '57014') return { kind: 'timeout' };
  if (CONSTRAINT.has(code)) {
    return { kind: 'constraint', code, constraint: field(error, 'constraint') ?? '' };
  }
  return { kind: 'other' };
}

function field(error: unknown, key: string): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const value = (error as Record<string, unknown>)[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
