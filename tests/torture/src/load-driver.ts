// The load: workers that each send one operation at a time, for as long as the run lasts,
// through faults and all. Some operations go out twice or three times at once under one
// request_id, some are retried after an indefinite failure, some earlier ones are replayed;
// every attempt is journaled with what the client saw.
import { status as grpcStatus } from '@grpc/grpc-js';
import { decodeServiceError } from '@opd/service-runtime';
import type { Clients } from './clients.js';
import type { Hospital } from './hospital-setup.js';
import { outcomeOf, type Journal, type OperationRecord, type Phase } from './journal.js';
import type { Knowledge } from './knowledge.js';
import { planOperation } from './operation-plan.js';
import { reveal, send } from './operations.js';
import type { RunProfile } from './profile.js';
import type { Random } from './random.js';
import { sleep } from './time.js';

export interface LoadDriverOptions {
  readonly profile: RunProfile;
  readonly hospital: Hospital;
  readonly clients: Clients;
  readonly journal: Journal;
  readonly knowledge: Knowledge;
  readonly random: Random;
}

export class LoadDriver {
  #stopping = false;
  #workers: Promise<void>[] = [];
  #inFlight = 0;
  #acknowledged = 0;
  #lastAcknowledgedAt = 0;

  constructor(private readonly options: LoadDriverOptions) {}

  start(): void {
    this.#workers = Array.from({ length: this.options.profile.workers }, () => this.#work());
  }

  /** Calls waiting for an answer right now. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Attempts answered OK so far (every operation of the load is a write). */
  get acknowledged(): number {
    return this.#acknowledged;
  }

  /** When the latest of them was answered (0 before the first). */
  get lastAcknowledgedAt(): number {
    return this.#lastAcknowledgedAt;
  }

  /** Stops starting operations and waits for the ones in flight. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await Promise.all(this.#workers);
  }

  /**
   * One attempt of `record` with `deadlineMs`, journaled. What the answer (or an ALREADY_EXISTS
   * refusal) reveals goes into the knowledge.
   */
  async attempt(record: OperationRecord, phase: Phase, deadlineMs: number): Promise<void> {
    const { clients, knowledge } = this.options;
    const startedAt = Date.now();
    this.#inFlight += 1;
    try {
      const answer = await send(clients.allocation(record.caller), record.operation, deadlineMs);
      record.attempts.push({
        phase,
        startedAt,
        endedAt: Date.now(),
        deadlineMs,
        outcome: 'ok',
        code: grpcStatus.OK,
        answer,
      });
      this.#acknowledged += 1;
      this.#lastAcknowledgedAt = Date.now();
      const revealed = reveal(record.operation.kind, answer);
      revealed.tokens.forEach((t) => knowledge.learnToken(t));
      revealed.entries.forEach((e) => knowledge.learnEntry(e));
    } catch (error) {
      const failure = decodeServiceError(error);
      record.attempts.push({
        phase,
        startedAt,
        endedAt: Date.now(),
        deadlineMs,
        outcome: outcomeOf(failure.code),
        code: failure.code,
        ...(failure.reason ? { reason: failure.reason } : {}),
      });
      const { token_id: tokenId, waitlist_entry_id: entryId } = failure.metadata;
      if (failure.code === grpcStatus.ALREADY_EXISTS && tokenId)
        knowledge.learnHeldToken(tokenId, record.operation.day);
      if (failure.code === grpcStatus.ALREADY_EXISTS && entryId)
        knowledge.learnWaitingEntry(entryId, record.operation.day);
    } finally {
      this.#inFlight -= 1;
    }
  }

  async #work(): Promise<void> {
    const { profile, hospital, journal, knowledge, random } = this.options;
    while (!this.#stopping) {
      if (random.chance(0.04)) {
        await this.#replay();
        continue;
      }
      const planned = planOperation(random, hospital, knowledge);
      const record = journal.add(
        planned.operation.request.requestId,
        planned.caller,
        planned.operation,
      );
      const deadline = random.chance(0.12) ? profile.tightDeadlineMs : profile.deadlineMs;
      // Now and then the same request leaves two or three times at once.
      const copies = random.chance(0.06) ? 2 + random.int(2) : 1;
      await Promise.all(
        Array.from({ length: copies }, (_, i) =>
          this.attempt(record, i === 0 ? 'load' : 'duplicate', deadline),
        ),
      );
      // The client does not know what happened: half the time it asks again, as clients should.
      for (let retry = 0; retry < 2 && unanswered(record) && random.chance(0.5); retry++) {
        await sleep(50 + random.int(250));
        await this.attempt(record, 'retry', profile.deadlineMs);
      }
      // Faults make calls fail fast; do not spin while they last.
      if (unanswered(record)) await sleep(100 + random.int(300));
    }
  }

  /** Sends an operation that was already answered once more: the answer must not change. */
  async #replay(): Promise<void> {
    const { journal, random, profile } = this.options;
    const records = journal.records;
    const earlier = records[random.int(records.length)];
    if (!earlier || !earlier.attempts.some((a) => a.outcome === 'ok')) return;
    await this.attempt(earlier, 'replay', profile.deadlineMs);
  }
}

const unanswered = (record: OperationRecord): boolean =>
  record.attempts.every((a) => a.outcome === 'indefinite');
