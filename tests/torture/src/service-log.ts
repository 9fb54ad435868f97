// The services' own logs, read after the run for the one thing the client cannot see: why a
// call failed with INTERNAL (the cause is logged, never sent).
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface InternalFailure {
  readonly service: string;
  readonly method: string;
  readonly at: number;
  /** The logged cause's message (the logger redacts patient fields). */
  readonly cause: string;
}

interface RpcLine {
  readonly code?: unknown;
  readonly method?: unknown;
  readonly time?: unknown;
  readonly err?: { readonly message?: unknown };
}

/** Every call a service answered with INTERNAL (or UNKNOWN), as its log tells. */
export async function readInternalFailures(
  runDir: string,
  services: readonly string[] = ['allocation', 'reporting'],
): Promise<InternalFailure[]> {
  const failures: InternalFailure[] = [];
  for (const service of services) {
    const text = await readFile(path.join(runDir, `${service}.log`), 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      if (!line.startsWith('{') || !/"code":"(INTERNAL|UNKNOWN)"/.test(line)) continue;
      try {
        const parsed = JSON.parse(line) as RpcLine;
        failures.push({
          service,
          method: typeof parsed.method === 'string' ? parsed.method : '?',
          at: typeof parsed.time === 'number' ? parsed.time : 0,
          cause: typeof parsed.err?.message === 'string' ? parsed.err.message : '?',
        });
      } catch {
        // a line cut short by kill -9
      }
    }
  }
  return failures;
}
