// A doctor-day's events with the doctor's room at work (DESIGN §3b): calls, recalls, skips,
// transfers to another doctor and undone moves, written the way the allocation service
// publishes them. Times can be pinned to the minute, so a test can work its figures out by hand.
import { Source, TokenMove, TokenStatus } from '@opd/api';
import { DoctorDayScript, type ScriptOptions } from './doctor-day-script.js';

const { ALLOCATED, CHECKED_IN, CALLED, COMPLETED, CANCELLED, NO_SHOW } = {
  ALLOCATED: TokenStatus.TOKEN_STATUS_ALLOCATED,
  CHECKED_IN: TokenStatus.TOKEN_STATUS_CHECKED_IN,
  CALLED: TokenStatus.TOKEN_STATUS_CALLED,
  COMPLETED: TokenStatus.TOKEN_STATUS_COMPLETED,
  CANCELLED: TokenStatus.TOKEN_STATUS_CANCELLED,
  NO_SHOW: TokenStatus.TOKEN_STATUS_NO_SHOW,
};

/** The status each move leaves from and, by default, the one its undo returns to. */
const UNDO: Readonly<Partial<Record<TokenMove, readonly [TokenStatus, TokenStatus]>>> = {
  [TokenMove.TOKEN_MOVE_CHECK_IN]: [CHECKED_IN, ALLOCATED],
  [TokenMove.TOKEN_MOVE_CALL]: [CALLED, CHECKED_IN],
  [TokenMove.TOKEN_MOVE_SKIP]: [CHECKED_IN, CALLED],
  [TokenMove.TOKEN_MOVE_COMPLETE]: [COMPLETED, CALLED],
  [TokenMove.TOKEN_MOVE_CANCEL]: [CANCELLED, ALLOCATED],
  [TokenMove.TOKEN_MOVE_NO_SHOW]: [NO_SHOW, ALLOCATED],
};

export class RoomDayScript extends DoctorDayScript {
  readonly #skips = new Map<string, number>();
  readonly #recalls = new Map<string, number>();

  /** The next action happens at `hhmm`, local time (Asia/Kolkata) on the script's date. */
  at(hhmm: string): this {
    this.now = new Date(`${this.date}T${hhmm}:00+05:30`).getTime() - 60_000;
    return this;
  }

  call(tokenId: string): this {
    this.tick();
    const { number } = this.tokenOf(tokenId);
    this.emit({
      $case: 'tokenCalled',
      value: { tokenId, tokenNumber: number, callTime: this.instant() },
    });
    return this;
  }

  recall(tokenId: string): this {
    this.tick();
    const recallCount = (this.#recalls.get(tokenId) ?? 0) + 1;
    this.#recalls.set(tokenId, recallCount);
    this.emit({
      $case: 'tokenRecalled',
      value: {
        tokenId,
        tokenNumber: this.tokenOf(tokenId).number,
        recallTime: this.instant(),
        recallCount,
      },
    });
    return this;
  }

  skip(tokenId: string): this {
    this.tick();
    const skipCount = (this.#skips.get(tokenId) ?? 0) + 1;
    this.#skips.set(tokenId, skipCount);
    this.emit({
      $case: 'tokenSkipped',
      value: {
        tokenId,
        tokenNumber: this.tokenOf(tokenId).number,
        skipTime: this.instant(),
        skipCount,
      },
    });
    return this;
  }

  /**
   * Sends the patient to `to`'s doctor at this day's moment: TRANSFERRED here, and a new token
   * there with the same patient, source and request time, checked in already if the patient
   * was here. Returns the new token's id.
   */
  transfer(tokenId: string, to: RoomDayScript, options: { checkedIn: boolean }): string {
    this.tick();
    const from = this.tokenOf(tokenId);
    to.now = this.now;
    const issued = to.newToken(from.source, {
      patientId: from.patientId,
      requestTime: from.requestTime,
      transferredFrom: { tokenId, doctorDayId: this.doctorDayId },
      checkedIn: options.checkedIn,
    });
    this.emit({
      $case: 'tokenTransferred',
      value: {
        tokenId,
        tokenNumber: from.number,
        slotId: from.slotId,
        transferTime: this.instant(),
        toDoctorDayId: to.doctorDayId,
        toDoctorId: to.doctorId,
        toTokenId: issued.tokenId,
      },
    });
    to.emit({ $case: 'tokenAllocated', value: issued });
    return issued.tokenId;
  }

  /** Undoes the token's last move, back to the status it left (or to `toStatus`). */
  undo(tokenId: string, move: TokenMove, toStatus?: TokenStatus): this {
    this.tick();
    const [fromStatus, back] = UNDO[move] ?? [TokenStatus.TOKEN_STATUS_UNSPECIFIED, ALLOCATED];
    if (move === TokenMove.TOKEN_MOVE_SKIP) {
      this.#skips.set(tokenId, Math.max(0, (this.#skips.get(tokenId) ?? 0) - 1));
    }
    this.emit({
      $case: 'tokenTransitionUndone',
      value: {
        tokenId,
        tokenNumber: this.tokenOf(tokenId).number,
        move,
        fromStatus,
        toStatus: toStatus ?? back,
        undoTime: this.instant(),
      },
    });
    return this;
  }
}

/**
 * Two doctors' mornings on one date with every room event: check-ins, calls, recalls, skips
 * (one undone), completions from CALLED and from CHECKED_IN (one undone), an undone call,
 * check-in, cancel and no-show, and a called patient transferred from the first doctor to the
 * second, where the room sees them.
 */
export function aMorningInTheRoom(options: ScriptOptions = {}): [RoomDayScript, RoomDayScript] {
  const ent = new RoomDayScript({ capacities: [4, 4], ...options }).open();
  const eye = new RoomDayScript({
    ...(options.date === undefined ? {} : { date: options.date }),
    displayName: 'Dr. Kiran Shah',
    department: 'Ophthalmology',
  }).open();
  const [a, b, c, d, e, f] = Array.from({ length: 6 }, (_, i) =>
    ent.allocate({ source: i === 2 ? Source.SOURCE_PAID : Source.SOURCE_WALK_IN, slot: i % 2 }),
  ) as [string, string, string, string, string, string];
  const g = eye.allocate();
  ent.checkIn(a).checkIn(b).checkIn(c).checkIn(d);
  ent.call(a).recall(a).complete(a);
  ent.call(b).skip(b).call(c).undo(c, TokenMove.TOKEN_MOVE_CALL).call(c).recall(c).recall(c);
  ent.complete(c).undo(c, TokenMove.TOKEN_MOVE_COMPLETE).complete(c);
  ent.call(b).skip(b).undo(b, TokenMove.TOKEN_MOVE_SKIP).complete(b);
  ent.call(d);
  eye.checkIn(g).call(g).complete(g);
  const moved = ent.transfer(d, eye, { checkedIn: true });
  eye.call(moved).complete(moved);
  ent.checkIn(e).complete(e).undo(e, TokenMove.TOKEN_MOVE_COMPLETE, CHECKED_IN);
  ent.checkIn(f).undo(f, TokenMove.TOKEN_MOVE_CHECK_IN).cancel(f);
  ent.undo(f, TokenMove.TOKEN_MOVE_CANCEL).noShow(f).undo(f, TokenMove.TOKEN_MOVE_NO_SHOW);
  return [ent, eye];
}
