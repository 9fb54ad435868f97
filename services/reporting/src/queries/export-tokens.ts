import { IsolationLevel } from '@mikro-orm/core';
import type { TokenRecord } from '@opd/api';
import { TOKEN_COLUMNS, tokenRowFromSql, type TokenSqlRow } from '../db/token-rows.js';
import { tokenRecordOf } from '../grpc/messages.js';
import type { ReportingEnv } from '../reporting-env.js';
import { TOKEN_ORDER, tokenWhere, type TokenFilter } from './token-filter.js';

/** Rows per streamed message: the contract's limit. */
export const EXPORT_BATCH = 500;
/** Rows per read from the cursor: a few messages' worth, to save round trips. */
const FETCH_ROWS = EXPORT_BATCH * 4;

/**
 * Streams every token row of the filters, in ListTokens order, from one snapshot taken at the
 * start (a read-only repeatable-read transaction). Rows come from a server-side cursor a few
 * batches at a time; the next read overlaps the sending of the current one, and `send` only
 * resolves when the client can take more, so memory holds two reads whatever the range.
 */
export async function exportTokens(
  env: ReportingEnv,
  filter: TokenFilter,
  signal: AbortSignal,
  send: (batch: TokenRecord[]) => Promise<void>,
): Promise<void> {
  const release = env.exports.take();
  try {
    await env.orm.em.fork().transactional(
      async (em) => {
        const where = tokenWhere(filter);
        await em.execute(
          `declare token_export no scroll cursor for
             select ${TOKEN_COLUMNS} from token_record t where ${where.sql} order by ${TOKEN_ORDER}`,
          where.params,
        );
        const read = () =>
          em.execute<TokenSqlRow[]>(`fetch forward ${FETCH_ROWS} from token_export`);
        let next: Promise<TokenSqlRow[]> | undefined = read();
        try {
          while (next) {
            const rows: TokenSqlRow[] = await next;
            next = rows.length === FETCH_ROWS ? read() : undefined;
            for (let i = 0; i < rows.length; i += EXPORT_BATCH) {
              signal.throwIfAborted();
              const batch = rows.slice(i, i + EXPORT_BATCH);
              await send(batch.map((row) => tokenRecordOf(tokenRowFromSql(row))));
            }
          }
        } finally {
          // A read still in flight when the client went away settles before the rollback.
          await next?.catch(() => undefined);
        }
      },
      { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true },
    );
  } finally {
    release();
  }
}
