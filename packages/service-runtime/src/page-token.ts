import { createHmac, timingSafeEqual } from 'node:crypto';
import { ApiError } from './api-error.js';
import { type PositionShape, hasShape } from './page-position.js';

/**
 * Opaque keyset page tokens (AIP-158): the position after the last row of a page plus the
 * filters it was issued for, signed so a tampered or foreign token is refused rather than
 * silently read. Tokens survive restarts and work on every instance that shares the secret.
 */
export class PageTokens {
  /**
   * @param positions the shape of each list's page position, by the list's name: the first
   *   element of the `filters` array its queries pass (e.g. `'audit'` for
   *   `JSON.stringify(['audit', …])`). A token whose position does not fit is refused.
   */
  constructor(
    private readonly secret: string,
    private readonly positions: Readonly<Record<string, PositionShape>> = {},
  ) {}

  /** A token that resumes after `position` for the request described by `filters`. */
  issue(position: readonly (string | number)[], filters: string): string {
    const body = Buffer.from(JSON.stringify({ p: position, f: filters })).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  /** The position a token resumes after; undefined for an empty token (first page). */
  read(token: string, filters: string): (string | number)[] | undefined {
    if (token === '') return undefined;
    const [body, signature, extra] = token.split('.');
    if (!body || !signature || extra !== undefined || !this.verify(body, signature))
      throw invalid();
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw invalid();
    }
    if (!isPage(parsed) || parsed.f !== filters) throw invalid();
    const shape = this.positions[listOf(filters)];
    if (shape !== undefined && !hasShape(parsed.p, shape)) throw invalid();
    return parsed.p;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }

  private verify(body: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

/** The list a filters string belongs to: its first element when it is a JSON array. */
function listOf(filters: string): string {
  try {
    const parsed: unknown = JSON.parse(filters);
    return Array.isArray(parsed) && typeof parsed[0] === 'string' ? parsed[0] : '';
  } catch {
    return '';
  }
}

function isPage(value: unknown): value is { p: (string | number)[]; f: string } {
  if (typeof value !== 'object' || value === null) return false;
  const { p, f } = value as { p?: unknown; f?: unknown };
  return (
    typeof f === 'string' &&
    Array.isArray(p) &&
    p.every((x) => typeof x === 'string' || typeof x === 'number')
  );
}

const invalid = () =>
  new ApiError('INVALID_ARGUMENT', 'page_token is not one this method issued for these filters', {
    reason: 'INVALID_PAGE_TOKEN',
    fieldViolations: [
      { field: 'page_token', description: 'was tampered with or issued for other filters' },
    ],
  });

/** page_size as AIP-158 reads it: 0 means the default, above the maximum is capped. */
export function pageSize(requested: number, defaults: { default: number; max: number }): number {
  if (!Number.isInteger(requested) || requested < 0) {
    throw ApiError.invalidArgument([
      { field: 'page_size', description: 'must be zero or positive' },
    ]);
  }
  return requested === 0 ? defaults.default : Math.min(requested, defaults.max);
}
