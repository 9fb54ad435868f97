import type { ListTokensResponse } from '@opd/api';
import { ApiError } from '@opd/service-runtime';
import { TOKEN_COLUMNS, tokenRowFromSql, type TokenSqlRow } from '../db/token-rows.js';
import { tokenRecordOf } from '../grpc/messages.js';
import type { ReportingEnv } from '../reporting-env.js';
import {
  filterKey,
  TOKEN_ORDER,
  tokenWhere,
  type TokenFilter,
  type TokenPosition,
} from './token-filter.js';

/**
 * One page of token rows in date, doctor_id, token_number order. The page token is the last
 * row's position (a keyset), so rows written while a client pages through are never shown
 * twice and never push others off a page.
 */
export async function listTokens(
  env: ReportingEnv,
  filter: TokenFilter,
  page: { readonly size: number; readonly token: string },
): Promise<ListTokensResponse> {
  const key = filterKey(filter);
  const after = positionOf(env.pageTokens.read(page.token, key));
  const where = tokenWhere(filter, after);
  const rows = await env.orm.em.fork().execute<TokenSqlRow[]>(
    `select ${TOKEN_COLUMNS} from token_record t where ${where.sql}
        order by ${TOKEN_ORDER} limit ${page.size + 1}`,
    where.params,
  );
  const shown = rows.slice(0, page.size);
  const last = shown.at(-1);
  return {
    tokenRecords: shown.map((row) => tokenRecordOf(tokenRowFromSql(row))),
    nextPageToken:
      rows.length > page.size && last
        ? env.pageTokens.issue([last.date, last.doctor_id, last.token_number], key)
        : '',
  };
}

/** A signed position is ours, but one from an older release may have another shape. */
function positionOf(position: (string | number)[] | undefined): TokenPosition | undefined {
  if (position === undefined) return undefined;
  const [date, doctorId, tokenNumber] = position;
  if (typeof date === 'string' && typeof doctorId === 'string' && typeof tokenNumber === 'number') {
    return [date, doctorId, tokenNumber];
  }
  throw new ApiError('INVALID_ARGUMENT', 'page_token is not one this method issued', {
    reason: 'INVALID_PAGE_TOKEN',
    fieldViolations: [{ field: 'page_token', description: 'is not a ListTokens page token' }],
  });
}
