// What the client has learnt from answers: the tokens and waitlist entries it may act on next,
// with the last status it saw. It is never the truth (the sweeper, preemptions and promotions
// change things behind its back), which is why the refusals it earns are part of the test.
import { TokenStatus, WaitlistEntryStatus, type Token, type WaitlistEntry } from '@opd/api';
import type { Random } from './random.js';

export interface Known<S> {
  readonly id: string;
  readonly day: number;
  status: S;
  /** A token's slot start (epoch ms), when an answer told it. */
  startsAt?: number;
}

export class Knowledge {
  readonly #tokens = new Map<string, Known<TokenStatus>>();
  readonly #entries = new Map<string, Known<WaitlistEntryStatus>>();
  readonly #dayOf: ReadonlyMap<string, number>;

  /** `days` maps a doctor-day id to its index in play. */
  constructor(days: ReadonlyMap<string, number>) {
    this.#dayOf = days;
  }

  learnToken(token: Token): void {
    const day = this.#dayOf.get(token.doctorDayId);
    if (day === undefined) return;
    const known = this.#tokens.get(token.tokenId) ?? {
      id: token.tokenId,
      day,
      status: token.status,
    };
    known.status = token.status;
    if (token.slotStartTime) known.startsAt = token.slotStartTime.getTime();
    this.#tokens.set(token.tokenId, known);
  }

  learnEntry(entry: WaitlistEntry): void {
    const day = this.#dayOf.get(entry.doctorDayId);
    if (day === undefined) return;
    const known = this.#entries.get(entry.waitlistEntryId);
    if (known) known.status = entry.status;
    else
      this.#entries.set(entry.waitlistEntryId, {
        id: entry.waitlistEntryId,
        day,
        status: entry.status,
      });
  }

  /** A token id from an ALREADY_EXISTS refusal: the patient holds it (status unknown). */
  learnHeldToken(tokenId: string, day: number): void {
    if (!this.#tokens.has(tokenId))
      this.#tokens.set(tokenId, { id: tokenId, day, status: TokenStatus.TOKEN_STATUS_ALLOCATED });
  }

  learnWaitingEntry(entryId: string, day: number): void {
    if (!this.#entries.has(entryId))
      this.#entries.set(entryId, {
        id: entryId,
        day,
        status: WaitlistEntryStatus.WAITLIST_ENTRY_STATUS_WAITING,
      });
  }

  /**
   * A token last seen in one of `statuses` for which `where` holds (any token at all with
   * probability `stray`).
   */
  token(
    random: Random,
    statuses: readonly TokenStatus[],
    where: (token: Known<TokenStatus>) => boolean = () => true,
    stray = 0.1,
  ): Known<TokenStatus> | undefined {
    const all = [...this.#tokens.values()];
    if (random.chance(stray)) return random.pick(all);
    return random.pick(all.filter((t) => statuses.includes(t.status) && where(t)));
  }

  entry(random: Random, stray = 0.1): Known<WaitlistEntryStatus> | undefined {
    const all = [...this.#entries.values()];
    if (random.chance(stray)) return random.pick(all);
    return random.pick(
      all.filter((e) => e.status === WaitlistEntryStatus.WAITLIST_ENTRY_STATUS_WAITING),
    );
  }
}
