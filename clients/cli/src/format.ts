// How domain values read on a terminal: enum names without their prefixes, local times.
import {
  type Preemption,
  type Promotion,
  type Slot,
  type Source,
  sourceToJSON,
  type Token,
  TokenMove,
  type TokenStatus,
  tokenStatusToJSON,
  type WaitlistEntry,
  type WaitlistEntryStatus,
  waitlistEntryStatusToJSON,
} from '@opd/api';
import { localTime } from './dates.js';

export const sourceName = (source: Source): string => sourceToJSON(source).replace(/^SOURCE_/, '');

export const tokenStatusName = (status: TokenStatus): string =>
  tokenStatusToJSON(status).replace(/^TOKEN_STATUS_/, '');

export const waitlistStatusName = (status: WaitlistEntryStatus): string =>
  waitlistEntryStatusToJSON(status).replace(/^WAITLIST_ENTRY_STATUS_/, '');

export const slotLabel = (slot: Pick<Slot, 'localStartTime' | 'localEndTime'>): string =>
  `${slot.localStartTime}-${slot.localEndTime}`;

export const tokenSlotLabel = (token: Token): string =>
  `${token.slotLocalStartTime}-${token.slotLocalEndTime}`;

/** What a move is called in a sentence: "the call of token 7", "the check-in of token 7". */
const MOVE_WORDS: Readonly<Record<TokenMove, string>> = {
  [TokenMove.TOKEN_MOVE_UNSPECIFIED]: 'last move',
  [TokenMove.TOKEN_MOVE_CHECK_IN]: 'check-in',
  [TokenMove.TOKEN_MOVE_CALL]: 'call',
  [TokenMove.TOKEN_MOVE_SKIP]: 'skip',
  [TokenMove.TOKEN_MOVE_COMPLETE]: 'completion',
  [TokenMove.TOKEN_MOVE_CANCEL]: 'cancellation',
  [TokenMove.TOKEN_MOVE_NO_SHOW]: 'no-show',
  [TokenMove.UNRECOGNIZED]: 'last move',
};

export const moveWords = (move: TokenMove): string => MOVE_WORDS[move];

/** "once", "twice", "3 times". */
export const times = (n: number): string => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);

/** Whole minutes from one instant to another ("12 min"), or undefined when either is unset. */
export const minutesBetween = (from: Date | undefined, to: Date | undefined): string | undefined =>
  from && to ? `${Math.round((to.getTime() - from.getTime()) / 60_000)} min` : undefined;

/** "09:12" in the hospital's zone, or "-" when the instant is unset. */
export const clock = (zone: string, instant: Date | undefined): string =>
  instant ? localTime(zone, instant) : '-';

/** "token 14 (Asha Rao), 09:30-09:45, WALK_IN, ALLOCATED" */
export const describeToken = (token: Token): string =>
  `token ${token.tokenNumber} (${token.patientName}), ${token.date} ${tokenSlotLabel(token)}, ` +
  `${sourceName(token.source)}, ${tokenStatusName(token.status)}`;

export const describePreemption = (p: Preemption): string =>
  `displaced token ${p.preemptedTokenNumber} to the waitlist at position ${p.waitlistPosition} ` +
  `("${p.reason}")`;

export const describePromotion = (p: Promotion): string =>
  p.token
    ? `promoted ${p.token.patientName} from the waitlist to token ${p.token.tokenNumber}, ` +
      `${tokenSlotLabel(p.token)}`
    : `promoted waitlist entry ${p.waitlistEntryId}`;

export const describeWaitlistEntry = (entry: WaitlistEntry): string =>
  `waitlist position ${entry.position} (${entry.patientName}, ${sourceName(entry.source)}, ` +
  `${waitlistStatusName(entry.status)})`;
