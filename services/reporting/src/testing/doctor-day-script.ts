// Writes the events of one doctor-day the way the allocation service publishes them, for tests
// and benchmarks: numbered 1, 2, 3…, one minute apart, with made-up patients and no names.
import { randomUUID } from 'node:crypto';
import {
  Role,
  Source,
  TokenStatus,
  type EventEnvelope,
  type SlotDefinition,
  type TokenAllocated,
} from '@opd/api';

export interface ScriptOptions {
  readonly doctorId?: string;
  readonly date?: string;
  readonly displayName?: string;
  readonly department?: string;
  /** Places of each 30-minute slot from 09:00 local time; four slots of 2 by default. */
  readonly capacities?: readonly number[];
}

const PRIORITY: Readonly<Record<Source, number>> = {
  [Source.SOURCE_UNSPECIFIED]: 0,
  [Source.SOURCE_EMERGENCY]: 500,
  [Source.SOURCE_PAID]: 400,
  [Source.SOURCE_FOLLOW_UP]: 300,
  [Source.SOURCE_WALK_IN]: 200,
  [Source.SOURCE_ONLINE]: 100,
  [Source.UNRECOGNIZED]: 0,
};

type Payload = NonNullable<EventEnvelope['payload']>;

/** What the script remembers of a token it issued. */
export interface IssuedToken {
  readonly number: number;
  readonly slotId: string;
  readonly patientId: string;
  readonly source: Source;
  readonly requestTime: Date;
}

/** How a new token comes to be: by default a new patient's request, now, into the first slot. */
export interface NewToken {
  readonly slot?: number;
  readonly slotId?: string;
  readonly promotedFrom?: string;
  readonly patientId?: string;
  readonly requestTime?: Date;
  readonly transferredFrom?: { readonly tokenId: string; readonly doctorDayId: string };
  readonly checkedIn?: boolean;
}

export class DoctorDayScript {
  readonly doctorDayId = randomUUID();
  readonly doctorId: string;
  readonly date: string;
  readonly events: EventEnvelope[] = [];
  slots: SlotDefinition[];
  readonly #options: ScriptOptions;
  readonly #tokens = new Map<string, IssuedToken>();
  protected now: number;
  #nextNumber = 1;

  constructor(options: ScriptOptions = {}) {
    this.#options = options;
    this.doctorId = options.doctorId ?? randomUUID();
    this.date = options.date ?? '2026-11-27';
    this.now = new Date(`${this.date}T08:00:00+05:30`).getTime();
    this.slots = this.#slotList(options.capacities ?? [2, 2, 2, 2]);
  }

  open(): this {
    this.tick();
    this.emit({
      $case: 'doctorDayOpened',
      value: {
        timeZone: 'Asia/Kolkata',
        doctorDisplayName: this.#options.displayName ?? 'Dr. Meera Rao',
        department: this.#options.department ?? 'ENT',
        slots: this.slots,
      },
    });
    return this;
  }

  /** Issues a token; returns its id. */
  allocate(options: { source?: Source; slot?: number; promotedFrom?: string } = {}): string {
    this.tick();
    const token = this.newToken(options.source ?? Source.SOURCE_WALK_IN, options);
    this.emit({ $case: 'tokenAllocated', value: token });
    return token.tokenId;
  }

  /** An urgent request displaces `victimId`: preempted, waitlisted, and the newcomer placed. */
  preempt(
    victimId: string,
    source = Source.SOURCE_EMERGENCY,
  ): { tokenId: string; entryId: string } {
    this.tick();
    const victim = this.tokenOf(victimId);
    const newcomer = this.newToken(source, { slotId: victim.slotId });
    this.emit({
      $case: 'tokenPreempted',
      value: {
        tokenId: victimId,
        tokenNumber: victim.number,
        patientId: victim.patientId,
        slotId: victim.slotId,
        preemptedByTokenId: newcomer.tokenId,
        reason: 'displaced by a higher-priority request',
        preemptTime: this.instant(),
      },
    });
    const entryId = this.#waitlist(Source.SOURCE_WALK_IN, victimId);
    this.emit({ $case: 'tokenAllocated', value: newcomer });
    return { tokenId: newcomer.tokenId, entryId };
  }

  checkIn(tokenId: string): this {
    this.tick();
    const { number } = this.tokenOf(tokenId);
    this.emit({
      $case: 'tokenCheckedIn',
      value: { tokenId, tokenNumber: number, checkInTime: this.instant() },
    });
    return this;
  }

  complete(tokenId: string): this {
    this.tick();
    const { number } = this.tokenOf(tokenId);
    this.emit({
      $case: 'tokenCompleted',
      value: { tokenId, tokenNumber: number, completeTime: this.instant() },
    });
    return this;
  }

  cancel(tokenId: string, previousStatus = TokenStatus.TOKEN_STATUS_ALLOCATED): this {
    this.tick();
    const { number, slotId } = this.tokenOf(tokenId);
    this.emit({
      $case: 'tokenCancelled',
      value: { tokenId, tokenNumber: number, slotId, previousStatus, cancelTime: this.instant() },
    });
    return this;
  }

  noShow(tokenId: string): this {
    this.tick();
    const { number, slotId } = this.tokenOf(tokenId);
    this.emit({
      $case: 'tokenNoShow',
      value: { tokenId, tokenNumber: number, slotId, noShowTime: this.instant(), automatic: true },
    });
    return this;
  }

  /** Puts a patient on the waitlist; returns the entry's id. */
  waitlist(source = Source.SOURCE_ONLINE): string {
    this.tick();
    return this.#waitlist(source, '');
  }

  #waitlist(source: Source, displacedTokenId: string): string {
    const entryId = randomUUID();
    this.emit({
      $case: 'waitlistEntryAdded',
      value: {
        waitlistEntryId: entryId,
        patientId: displacedTokenId ? this.tokenOf(displacedTokenId).patientId : randomUUID(),
        source,
        priority: PRIORITY[source],
        requestTime: this.instant(),
        createTime: this.instant(),
        displacedTokenId,
        position: 1,
      },
    });
    return entryId;
  }

  /** Gives a waiting patient a token; returns the token's id. */
  promote(entryId: string, slot = 0): string {
    this.tick();
    const token = this.newToken(Source.SOURCE_WALK_IN, { slot, promotedFrom: entryId });
    this.emit({
      $case: 'waitlistEntryPromoted',
      value: { waitlistEntryId: entryId, promoteTime: this.instant(), token },
    });
    return token.tokenId;
  }

  cancelEntry(entryId: string): this {
    this.tick();
    this.emit({
      $case: 'waitlistEntryCancelled',
      value: { waitlistEntryId: entryId, cancelTime: this.instant() },
    });
    return this;
  }

  expire(entryId: string): this {
    this.tick();
    this.emit({
      $case: 'waitlistEntryExpired',
      value: { waitlistEntryId: entryId, expireTime: this.instant() },
    });
    return this;
  }

  changeSchedule(capacities: readonly number[]): this {
    this.tick();
    this.slots = this.#slotList(capacities, this.slots);
    this.emit({ $case: 'scheduleChanged', value: { slots: this.slots } });
    return this;
  }

  protected newToken(source: Source, options: NewToken): TokenAllocated {
    const slot =
      this.slots.find((s) => s.slotId === options.slotId) ?? this.slots[options.slot ?? 0];
    if (!slot) throw new Error('the script has no such slot');
    const token: TokenAllocated = {
      tokenId: randomUUID(),
      tokenNumber: this.#nextNumber++,
      patientId: options.patientId ?? randomUUID(),
      source,
      priority: PRIORITY[source],
      slotId: slot.slotId,
      slotStartTime: slot.startTime,
      requestTime: options.requestTime ?? this.instant(),
      allocateTime: this.instant(),
      protected: false,
      promotedFromWaitlistEntryId: options.promotedFrom ?? '',
      transferredFromTokenId: options.transferredFrom?.tokenId ?? '',
      transferredFromDoctorDayId: options.transferredFrom?.doctorDayId ?? '',
      checkInTime: options.checkedIn ? this.instant() : undefined,
    };
    this.#tokens.set(token.tokenId, {
      number: token.tokenNumber,
      slotId: slot.slotId,
      patientId: token.patientId,
      source,
      requestTime: token.requestTime as Date,
    });
    return token;
  }

  protected tokenOf(id: string): IssuedToken {
    const token = this.#tokens.get(id);
    if (!token) throw new Error(`the script issued no token ${id}`);
    return token;
  }

  #slotList(capacities: readonly number[], previous: readonly SlotDefinition[] = []) {
    const nine = new Date(`${this.date}T09:00:00+05:30`).getTime();
    return capacities.map((capacity, i) => {
      const start = nine + i * 30 * 60_000;
      const hhmm = (ms: number) => new Date(ms + 330 * 60_000).toISOString().slice(11, 16);
      return {
        slotId: previous[i]?.slotId ?? randomUUID(),
        startTime: new Date(start),
        endTime: new Date(start + 30 * 60_000),
        localStartTime: hhmm(start),
        localEndTime: hhmm(start + 30 * 60_000),
        capacity,
      };
    });
  }

  /** Every action happens a minute after the previous one; its events share that moment. */
  protected tick(): void {
    this.now += 60_000;
  }

  protected instant(): Date {
    return new Date(this.now);
  }

  protected emit(payload: Payload): EventEnvelope {
    const event: EventEnvelope = {
      eventId: randomUUID(),
      doctorDayId: this.doctorDayId,
      doctorId: this.doctorId,
      date: this.date,
      sequence: this.events.length + 1,
      occurredAt: this.instant(),
      actor: { keyName: 'counter-1', role: Role.ROLE_COUNTER, client: undefined },
      requestId: randomUUID(),
      payload,
    };
    this.events.push(event);
    return event;
  }
}

/**
 * A busy morning at one doctor's OPD with every kind of event: walk-ins, an emergency that
 * displaces a walk-in, a consultation, a cancellation and a promotion, a no-show, a schedule
 * change, and waitlist entries cancelled and expired.
 */
export function aBusyMorning(options: ScriptOptions = {}): DoctorDayScript {
  const day = new DoctorDayScript(options).open();
  const asha = day.allocate({ source: Source.SOURCE_WALK_IN });
  const ravi = day.allocate({ source: Source.SOURCE_ONLINE });
  const { tokenId: emergency, entryId: raviWaits } = day.preempt(ravi);
  day.checkIn(asha).complete(asha);
  const paid = day.allocate({ source: Source.SOURCE_PAID, slot: 1 });
  day.cancel(paid);
  day.promote(raviWaits, 1);
  const late = day.allocate({ source: Source.SOURCE_FOLLOW_UP, slot: 2 });
  day.noShow(late);
  day.checkIn(emergency);
  day.changeSchedule([2, 2, 2, 3]);
  const gaveUp = day.waitlist(Source.SOURCE_ONLINE);
  day.cancelEntry(gaveUp);
  const tooLate = day.waitlist(Source.SOURCE_WALK_IN);
  day.expire(tooLate);
  return day;
}
