import type pg from 'pg';
import { EXPORT_COLUMNS, type ExportRow } from '../db/export-columns.js';
import type { ReportingEnv } from '../reporting-env.js';
import { giveUpWhenStalled } from './export-stall.js';
import { TOKEN_ORDER, tokenWhere, type TokenFilter } from './token-filter.js';

/** Rows per streamed message: the contract's limit. */
export const EXPORT_BATCH = 500;
/** Rows per read from the cursor: a few messages' worth, to save round trips. */
const FETCH_ROWS = EXPORT_BATCH * 4;

/** Values stay PostgreSQL's text: the encoder reads them, nothing is parsed into objects. */
const RAW_TEXT = { getTypeParser: () => (text: string) => text };

/**
 * Streams every token row of the filters, in ListTokens order, from one snapshot taken at the
 * start (a read-only repeatable-read transaction on the export pool), 500 rows a message,
 * 2,000 a read.
 * The cursor is read one batch ahead only while the client keeps up: while a message waits
 * for the client to make room, the next read waits for it, so a client that stops reading
 * holds gRPC's buffer for its call and one batch of rows, and nothing more. A client that takes nothing
 * for the stall limit ends the export; every way out releases the slot and the snapshot.
 */
export async function exportTokens(
  env: ReportingEnv,
  request: { readonly filter: TokenFilter; readonly keyName: string },
  signal: AbortSignal,
  send: (rows: readonly ExportRow[]) => Promise<void>,
): Promise<void> {
  const release = env.exports.take(request.keyName);
  try {
    const client = await env.exportPool.connect();
    let broken: Error | undefined;
    try {
      await client.query('begin isolation level repeatable read read only');
      try {
        await streamRows(
          client,
          request.filter,
          signal,
          giveUpWhenStalled(send, env.exportStallMs),
        );
      } finally {
        await client.query('rollback').catch((error: Error) => (broken = error));
      }
    } finally {
      client.release(broken);
    }
  } finally {
    release();
  }
}

async function streamRows(
  client: pg.PoolClient,
  filter: TokenFilter,
  signal: AbortSignal,
  send: (rows: readonly ExportRow[]) => Promise<void>,
): Promise<void> {
  const where = pgPlaceholders(tokenWhere(filter));
  await client.query(
    `declare token_export no scroll cursor for
       select ${EXPORT_COLUMNS} from token_record t where ${where.sql} order by ${TOKEN_ORDER}`,
    where.params,
  );
  const read = async (): Promise<ExportRow[]> => {
    signal.throwIfAborted();
    const result = await client.query<(string | null)[]>({
      text: `fetch forward ${FETCH_ROWS} from token_export`,
      rowMode: 'array',
      types: RAW_TEXT,
    });
    return result.rows;
  };
  // The last message sent, and whether the client has taken it yet (grpc-js takes messages
  // at once until its buffer for this call is full).
  let sent: Promise<void> = Promise.resolve();
  let taken = true;
  let next: Promise<ExportRow[]> = read();
  try {
    for (let rows = await next; rows.length > 0; rows = await next) {
      // Read on while the client keeps up (the database works while these rows are encoded),
      // and only once it has taken the last message while it does not.
      if (rows.length < FETCH_ROWS) next = Promise.resolve([]);
      else next = taken ? read() : sent.then(read);
      for (let i = 0; i < rows.length; i += EXPORT_BATCH) {
        if (i > 0) await sent;
        signal.throwIfAborted();
        const sending = send(rows.slice(i, i + EXPORT_BATCH));
        sent = sending;
        taken = false;
        // A failure is met through `next` or below, or is no news once the export ended.
        sending.then(
          () => {
            if (sent === sending) taken = true;
          },
          () => undefined,
        );
      }
    }
    await sent;
  } finally {
    // A read still in flight when the export ends settles before the rollback.
    await next.catch(() => undefined);
  }
}

/** The filter's `?` placeholders as pg's `$n`, and its `in (?)` lists as `= any($n)`. */
function pgPlaceholders(where: { sql: string; params: unknown[] }): {
  sql: string;
  params: unknown[];
} {
  let n = 0;
  const sql = where.sql.replaceAll('in (?)', '= any(?)').replace(/\?/g, () => `$${++n}`);
  return { sql, params: where.params };
}
