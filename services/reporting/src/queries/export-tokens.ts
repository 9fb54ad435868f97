import type pg from 'pg';
import { BinaryCopyOut } from '../db/binary-copy-out.js';
import { EXPORT_COLUMNS, type ExportEncoder } from '../db/export-columns.js';
import type { ReportingEnv } from '../reporting-env.js';
import { giveUpWhenStalled } from './export-stall.js';
import { TOKEN_ORDER, tokenWhere, type TokenFilter } from './token-filter.js';

/** Rows per streamed message: the contract's limit. */
export const EXPORT_BATCH = 500;

/**
 * Streams every token row of the filters, in ListTokens order, from one snapshot taken at the
 * start (a read-only repeatable-read transaction on the export pool), 500 rows a message.
 * Rows come through binary COPY — PostgreSQL's fastest way out, without a cursor's round trips
 * — and are encoded where they lie in the socket's bytes (db/binary-copy-out.ts). The COPY is
 * read on while the client keeps up: while a message waits for the client to make room,
 * nothing more is read, the connection's socket fills and PostgreSQL waits, so a client that
 * stops reading holds gRPC's buffer for its call and one chunk of rows, and nothing more. A client that takes nothing for the stall limit
 * ends the export; every way out releases the slot and the snapshot (an export cut short
 * closes its connection: the only way to stop a COPY midway).
 */
export async function exportTokens<Message>(
  env: ReportingEnv,
  request: { readonly filter: TokenFilter; readonly keyName: string },
  signal: AbortSignal,
  encoder: ExportEncoder<Message>,
  send: (message: Message) => Promise<void>,
): Promise<void> {
  const release = env.exports.take(request.keyName);
  try {
    const client = await env.exportPool.connect();
    let broken: Error | undefined;
    try {
      await client.query('begin isolation level repeatable read read only');
      try {
        // Rows stream in the order index's order: never a sort of a year's rows before the first
        // one goes out (with stale statistics, after a rebuild, the planner would choose one).
        await client.query('set local enable_sort = off');
        await streamRows(
          client,
          request.filter,
          signal,
          encoder,
          giveUpWhenStalled(send, env.exportStallMs),
        );
      } catch (error) {
        broken = error instanceof Error ? error : new Error(String(error));
        throw error;
      } finally {
        if (!broken) await client.query('rollback').catch((error: Error) => (broken = error));
      }
    } finally {
      client.release(broken);
    }
  } finally {
    release();
  }
}

async function streamRows<Message>(
  client: pg.PoolClient,
  filter: TokenFilter,
  signal: AbortSignal,
  encoder: ExportEncoder<Message>,
  send: (message: Message) => Promise<void>,
): Promise<void> {
  const where = inlined(client, tokenWhere(filter));
  const copy = client.query(
    new BinaryCopyOut(
      `copy (select ${EXPORT_COLUMNS} from token_record t where ${where} order by ${TOKEN_ORDER})
         to stdout with (format binary)`,
      3,
      encoder,
      EXPORT_BATCH,
    ),
  );
  // Once the loop below has stopped reading, a COPY cut short may still report its end.
  copy.on('error', () => undefined);
  // The last message sent; the next waits until the client has taken it.
  let sent: Promise<void> = Promise.resolve();
  for await (const message of copy as AsyncIterable<Message>) {
    await sent;
    signal.throwIfAborted();
    sent = send(message);
    // A failure is met by the next send or at the end, or is no news once the export ended.
    sent.catch(() => undefined);
  }
  await sent;
}

/**
 * The filter's `?` placeholders filled in as SQL literals: COPY takes no parameters. The values
 * are validated dates, UUIDs and enum names, and are quoted by the driver all the same.
 */
function inlined(client: pg.PoolClient, where: { sql: string; params: unknown[] }): string {
  let n = 0;
  const literal = (value: unknown): string =>
    Array.isArray(value)
      ? value.map(literal).join(', ')
      : client.escapeLiteral(typeof value === 'string' ? value : String(value));
  return where.sql.replace(/\?/g, () => literal(where.params[n++]));
}
