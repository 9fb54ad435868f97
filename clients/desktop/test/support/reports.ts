// Helpers for report tests: wait for the read model to catch up, read every ListTokens page,
// and read a CSV file back.
import type { ReportFilters } from '../../src/shared/ipc-contract.js';
import type { TokenRecordView } from '../../src/shared/views.js';
import type { Handlers } from '../../src/main/handlers/deps.js';

/** Every row ListTokens returns for the filters, following the page tokens. */
export async function allTokenRecords(
  handlers: Handlers,
  filters: ReportFilters,
  pageSize = 500,
): Promise<TokenRecordView[]> {
  const rows: TokenRecordView[] = [];
  let pageToken = '';
  do {
    const page = await handlers.listTokenRecords({ ...filters, pageSize, pageToken });
    rows.push(...page.rows);
    pageToken = page.nextPageToken;
  } while (pageToken !== '');
  return rows;
}

/** Polls until the read model shows what `ready` expects (events arrive asynchronously). */
export async function eventually<T>(
  read: () => Promise<T>,
  ready: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ready(value)) return value;
    if (Date.now() > deadline) throw new Error(`not ready after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** RFC 4180 CSV → rows of fields (quoted fields, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** CSV rows as objects keyed by the header. */
export function csvRecords(text: string): Record<string, string>[] {
  const [header = [], ...rows] = parseCsv(text);
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])));
}
