// Requests whose outcome the client never learnt, looked up before anyone retried them: each is
// either wholly there (stored answer, its token or entry, its events) or wholly absent.
import type { AllocationSnapshot } from '../allocation-snapshot.js';
import { loadOutcome, type OperationRecord } from '../journal.js';
import { reveal } from '../operations.js';
import { Check, type CheckResult } from './check.js';
import { eventProblems, indexEffects, keyOf } from './request-effects.js';

export type Presence = 'there' | 'absent';

export interface IndefiniteFindings {
  readonly result: CheckResult;
  /** What each unanswered request turned out to be, by request key, for the final retries. */
  readonly presence: ReadonlyMap<string, { readonly presence: Presence; readonly stored?: Buffer }>;
}

export function checkIndefinite(
  records: readonly OperationRecord[],
  state: AllocationSnapshot,
): IndefiniteFindings {
  const check = new Check('every unanswered request is wholly there or wholly absent');
  const effects = indexEffects(state);
  const presence = new Map<string, { presence: Presence; stored?: Buffer }>();
  for (const record of records.filter((r) => loadOutcome(r) === 'indefinite')) {
    const key = keyOf(record);
    const label = `${record.operation.kind} ${record.requestId}`;
    const stored = effects.stored.get(key);
    const events = effects.events.get(key) ?? [];
    if (!stored) {
      presence.set(key, { presence: 'absent' });
      check.look(events.length > 0 && `${label}: no stored answer, yet ${events.length} events`);
      continue;
    }
    presence.set(key, { presence: 'there', stored: stored.response });
    const subject = reveal(record.operation.kind, stored.response).subject;
    const missing =
      (subject.tokenId !== undefined && !state.tokenById.has(subject.tokenId)) ||
      (subject.entryId !== undefined && !state.entryById.has(subject.entryId));
    const problems = [
      ...(missing ? ['the token or entry of its stored answer is missing'] : []),
      ...eventProblems(record.operation.kind, events, subject.tokenId ?? subject.entryId),
    ];
    check.look(problems.length > 0 && `${label}: stored, but ${problems.join('; ')}`);
  }
  return { result: check.result(), presence };
}

/** The final retries against what was found before them. */
export function checkFinalRetries(
  records: readonly OperationRecord[],
  presence: IndefiniteFindings['presence'],
): CheckResult {
  const check = new Check('final retries: a stored request answers as stored, every one resolves');
  for (const record of records) {
    const found = presence.get(keyOf(record));
    if (!found) continue;
    const label = `${record.operation.kind} ${record.requestId}`;
    const last = record.attempts.filter((a) => a.phase === 'final').at(-1);
    if (!last || last.outcome === 'indefinite') {
      check.look(`${label}: still no definite answer after the final retries`);
    } else if (found.presence === 'there') {
      check.look(
        (last.outcome !== 'ok' ||
          !last.answer ||
          Buffer.compare(Buffer.from(last.answer), found.stored ?? Buffer.alloc(0)) !== 0) &&
          `${label}: was stored, but the retry got ${last.outcome === 'ok' ? 'another answer' : last.outcome}`,
      );
    } else {
      check.look();
    }
  }
  return check.result();
}
