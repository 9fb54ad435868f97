// After the faults: every operation whose outcome the client never learnt is sent again with
// its own request_id, with a generous deadline, until the service gives a definite answer.
import type { Journal, OperationRecord } from './journal.js';
import { loadOutcome } from './journal.js';
import type { LoadDriver } from './load-driver.js';
import { sleep } from './time.js';

export interface FinalRetries {
  readonly retried: number;
  /** Operations still without a definite answer after every attempt. */
  readonly unresolved: readonly OperationRecord[];
}

export async function retryIndefinite(
  journal: Journal,
  driver: LoadDriver,
  parallel = 8,
  attempts = 5,
): Promise<FinalRetries> {
  const pending = journal.records.filter((r) => loadOutcome(r) === 'indefinite');
  const queue = [...pending];
  const worker = async () => {
    for (let record = queue.shift(); record; record = queue.shift()) {
      for (let i = 0; i < attempts; i++) {
        await driver.attempt(record, 'final', 15_000);
        if (record.attempts.at(-1)?.outcome !== 'indefinite') break;
        await sleep(500 * (i + 1));
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return {
    retried: pending.length,
    unresolved: pending.filter((r) => r.attempts.at(-1)?.outcome === 'indefinite'),
  };
}
