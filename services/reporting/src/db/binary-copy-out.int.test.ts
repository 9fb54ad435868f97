import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '@opd/service-runtime/testing';
import pg from 'pg';
import { BinaryCopyOut } from './binary-copy-out.js';
import type { ExportEncoder } from './export-columns.js';

let db: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase('opd_report_test');
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});
afterAll(async () => {
  await client.end();
  await db.drop();
});

/** Keeps each row's three fields as text (null as null), in messages of rows. */
class TextRows implements ExportEncoder<(string | null)[][]> {
  #rows: (string | null)[][] = [];
  get rows(): number {
    return this.#rows.length;
  }
  add(buf: Buffer, fields: Int32Array): void {
    const text = (f: number) => {
      const start = fields[2 * f] as number;
      return start < 0 ? null : buf.toString('utf8', start, fields[2 * f + 1]);
    };
    this.#rows.push([text(0), text(1), text(2)]);
  }
  take(): (string | null)[][] {
    const rows = this.#rows;
    this.#rows = [];
    return rows;
  }
}

async function messagesOf(sql: string, batch: number): Promise<(string | null)[][][]> {
  const copy = client.query(new BinaryCopyOut(sql, 3, new TextRows(), batch));
  const messages: (string | null)[][][] = [];
  for await (const message of copy as AsyncIterable<(string | null)[][]>) messages.push(message);
  return messages;
}

describe('a binary COPY read in place', () => {
  it('gives every row, in order, in messages of the batch size, and leaves the connection usable', async () => {
    const messages = await messagesOf(
      `copy (select n::text as number, case when n % 7 = 0 then null else 'डॉ. ' || repeat('अ', n % 50) end,
                    repeat('x', n % 3000)
               from generate_series(1, 20000) n order by n) to stdout with (format binary)`,
      64,
    );
    const rows = messages.flat();
    expect(rows).toHaveLength(20_000);
    expect(messages.slice(0, -1).every((m) => m.length === 64)).toBe(true);
    expect(messages.at(-1)).toHaveLength(20_000 % 64);
    const expected = Array.from({ length: 20_000 }, (_, i) => {
      const n = i + 1;
      return [String(n), n % 7 === 0 ? null : `डॉ. ${'अ'.repeat(n % 50)}`, 'x'.repeat(n % 3000)];
    });
    expect(rows).toEqual(expected);
    expect((await client.query('select 41 + 1 as answer')).rows).toEqual([{ answer: 42 }]);
  });

  it("fails with the database's error when the COPY breaks midway, and the connection goes on", async () => {
    const copying = messagesOf(
      `copy (select (1 / (n - 5000))::text, 'a', 'b' from generate_series(1, 10000) n order by n)
         to stdout with (format binary)`,
      100,
    );
    await expect(copying).rejects.toThrow(/division by zero/);
    expect((await client.query('select 1 as still')).rows).toEqual([{ still: 1 }]);
  });

  it('refuses data that is not binary COPY; that connection is then closed', async () => {
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    const copy = other.query(
      new BinaryCopyOut('copy (select 1, 2, 3) to stdout', 3, new TextRows(), 10),
    );
    const reading = (async () => {
      for await (const message of copy as AsyncIterable<unknown>) expect(message).toBeUndefined();
    })();
    await expect(reading).rejects.toThrow(/PGCOPY/);
    // Taken over midway, the connection cannot be trusted again: the export closes it, as here.
    await other.end();
  });
});
