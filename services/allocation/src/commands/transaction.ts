import type { EntityManager } from '@mikro-orm/postgresql';
import { classifyDatabaseError } from '../db/database-errors.js';
import { query } from '../db/sql.js';
import type { CommandCall, CommandEnv } from './command-env.js';
import { Refusal } from './refusal.js';

/**
 * Runs `work` in one transaction on a fresh entity manager, with lock and statement timeouts no
 * longer than what is left of the caller's deadline. Deadlocks, serialization failures and lock
 * timeouts are retried with jittered backoff; the caller's cancellation rolls back before commit.
 */
export async function inTransaction<T>(
  env: CommandEnv,
  call: Pick<CommandCall, 'signal' | 'deadline'>,
  work: (em: EntityManager) => Promise<T>,
  options: { readonly advisoryLockKey?: string } = {},
): Promise<T> {
  const { lockTimeoutMs, statementTimeoutMs, maxAttempts } = env.transactions;
  for (let attempt = 1; ; attempt++) {
    stopIfAborted(call.signal);
    try {
      return await env.orm.em.fork().transactional(async (em) => {
        const left = call.deadline ? call.deadline.getTime() - Date.now() : Infinity;
        if (left <= 0) throw new Refusal({ code: 'OUT_OF_TIME' });
        const timeouts = [
          String(Math.ceil(Math.min(statementTimeoutMs, left))),
          String(Math.ceil(Math.min(lockTimeoutMs, left))),
        ];
        // One round trip for the timeouts and, when asked, a transaction-scoped advisory lock.
        await (options.advisoryLockKey === undefined
          ? query(
              em,
              "select set_config('statement_timeout', $1, true), set_config('lock_timeout', $2, true)",
              timeouts,
            )
          : query(
              em,
              "select set_config('statement_timeout', $1, true), set_config('lock_timeout', $2, true), pg_advisory_xact_lock(hashtextextended($3, 0))",
              [...timeouts, options.advisoryLockKey],
            ));
        const result = await work(em);
        await em.flush();
        stopIfAborted(call.signal);
        return result;
      });
    } catch (error) {
      const failure = classifyDatabaseError(error);
      if (failure.kind === 'retryable' && attempt < maxAttempts && !call.signal.aborted) {
        await sleep(backoffMs(attempt));
        continue;
      }
      if (failure.kind === 'retryable') {
        throw new Refusal({ code: 'CONCURRENT_UPDATE' });
      }
      if (failure.kind === 'timeout') {
        throw new Refusal({ code: 'OUT_OF_TIME' });
      }
      throw error;
    }
  }
}

/** The caller gave up: its signal's reason (CANCELLED or DEADLINE_EXCEEDED) ends the work. */
function stopIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason;
}

/** 10, 20, 40 … ms, capped at 500, with full jitter so retries of one hot day spread out. */
function backoffMs(attempt: number): number {
  return Math.random() * Math.min(500, 10 * 2 ** (attempt - 1));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
