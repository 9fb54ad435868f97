import { DayChange, type Outcome } from './day-change.js';
import { fail, ok, type Result } from './errors.js';
import type { DomainEventBody } from './events.js';
import type { TokenOutcome } from './lifecycle.js';
import { roomClosed } from './room-hours.js';
import { calledToken, roomQueue } from './room-queue.js';
import type { Context, DoctorDay, Token } from './types.js';

/** Call next: the patient called in, or none when nobody is waiting (nothing changes then). */
export type CallOutcome = Outcome & { readonly token?: Token };

/**
 * The room calls the first patient of its queue: CHECKED_IN → CALLED. One patient at a time: while
 * one is CALLED the room must complete, skip or undo first. The room may call ahead of a slot's
 * start, from the day's midnight to the next.
 */
export function callNext(day: DoctorDay, ctx: Context): Result<CallOutcome> {
  const closed = roomClosed(day, ctx.now);
  if (closed) return fail(closed);
  const inRoom = calledToken(day);
  if (inRoom) {
    return fail({ code: 'TOKEN_ALREADY_CALLED', tokenId: inRoom.id, tokenNumber: inRoom.number });
  }
  const [next] = roomQueue(day);
  if (!next) return ok({ day, events: [] });
  const change = new DayChange(day, ctx);
  change.emit({ type: 'TokenCalled', tokenId: next.id });
  return ok({ ...change.result(), token: tokenIn(change, next.id) });
}

/** Announces the CALLED patient again; consultation time still runs from the call. */
export function recallToken(day: DoctorDay, tokenId: string, ctx: Context): Result<TokenOutcome> {
  return onCalled(day, tokenId, ctx, { type: 'TokenRecalled', tokenId });
}

/**
 * The CALLED patient did not come in: back to CHECKED_IN as skipped, behind everyone not skipped.
 * After two skips the counter may mark them NO_SHOW at once.
 */
export function skipToken(day: DoctorDay, tokenId: string, ctx: Context): Result<TokenOutcome> {
  return onCalled(day, tokenId, ctx, { type: 'TokenSkipped', tokenId });
}

function onCalled(
  day: DoctorDay,
  tokenId: string,
  ctx: Context,
  body: DomainEventBody,
): Result<TokenOutcome> {
  const token = day.tokens.find((t) => t.id === tokenId);
  if (!token) return fail({ code: 'TOKEN_NOT_FOUND', tokenId });
  const closed = roomClosed(day, ctx.now);
  if (closed) return fail(closed);
  if (token.status !== 'CALLED') {
    return fail({ code: 'TOKEN_NOT_CALLED', tokenId, status: token.status });
  }
  const change = new DayChange(day, ctx);
  change.emit(body);
  // Neither frees a place: nothing to promote.
  return ok({ ...change.result(), token: tokenIn(change, tokenId), promoted: [] });
}

const tokenIn = (change: DayChange, tokenId: string): Token =>
  change.day.tokens.find((t) => t.id === tokenId) as Token;
