import type { DestinationStream } from 'pino';
import { type Logger, createLogger } from '../logger.js';

/** A logger whose JSON lines are kept in memory, for tests to read and scan. */
export interface CapturedLog {
  log: Logger;
  lines: string[];
  /** The lines parsed as JSON objects. */
  entries(): Record<string, unknown>[];
  text(): string;
}

export function captureLog(level = 'debug'): CapturedLog {
  const lines: string[] = [];
  const destination: DestinationStream = { write: (line: string) => void lines.push(line) };
  return {
    log: createLogger({ name: 'test', level }, destination),
    lines,
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    text: () => lines.join(''),
  };
}
