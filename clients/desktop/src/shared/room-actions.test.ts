import { describe, expect, it } from '@jest/globals';
import { boardView, tokenView } from '../../test/support/views.js';
import { roomState, withToken } from './room-actions.js';

const TODAY = '2026-11-27';
const NOW = new Date('2026-11-27T05:00:00Z');
const waiting = (n: number, place: number) =>
  tokenView({ tokenId: `t${n}`, tokenNumber: n, status: 'CHECKED_IN', queuePlace: place });

describe("what the doctor's room can do", () => {
  it('calls the first of the queue when nobody is called, in the order the service gave', () => {
    const board = boardView({
      tokens: [waiting(8, 2), waiting(9, 1)],
      roomQueue: ['t9', 't8'],
    });
    const state = roomState(board, NOW, TODAY);
    expect(state.queue.map((t) => t.tokenNumber)).toEqual([9, 8]);
    expect(state.keys.callNext).toEqual({ allowed: true });
    expect(state.keys.recall).toEqual({ allowed: false, refusal: { kind: 'noneCalled' } });
  });

  it('refuses to call another while one is called, naming the called token', () => {
    const called = tokenView({ tokenId: 't7', tokenNumber: 7, status: 'CALLED' });
    const board = boardView({
      tokens: [called, waiting(8, 1)],
      roomQueue: ['t8'],
      calledTokenId: 't7',
    });
    const state = roomState(board, NOW, TODAY);
    expect(state.called?.tokenNumber).toBe(7);
    expect(state.keys.callNext).toEqual({
      allowed: false,
      refusal: { kind: 'alreadyCalled', tokenNumber: 7 },
    });
    expect([state.keys.recall, state.keys.skip, state.keys.complete]).toEqual([
      { allowed: true },
      { allowed: true },
      { allowed: true },
    ]);
  });

  it('says the queue is empty rather than calling nobody', () => {
    const state = roomState(boardView(), NOW, TODAY);
    expect(state.keys.callNext).toEqual({ allowed: false, refusal: { kind: 'queueEmpty' } });
  });

  it("keeps another day's room closed", () => {
    const board = boardView({ date: '2026-11-26', tokens: [waiting(8, 1)], roomQueue: ['t8'] });
    expect(roomState(board, NOW, TODAY).keys.callNext).toEqual({
      allowed: false,
      refusal: { kind: 'notToday' },
    });
  });

  it("undoes the room's latest move still in its window, never the counter's", () => {
    const board = boardView({
      tokens: [
        tokenView({
          tokenId: 'a',
          status: 'COMPLETED',
          undoableMove: 'COMPLETE',
          undoableUntil: '2026-11-27T05:04:00Z',
        }),
        tokenView({
          tokenId: 'b',
          status: 'CALLED',
          undoableMove: 'CALL',
          undoableUntil: '2026-11-27T05:08:00Z',
        }),
        tokenView({
          tokenId: 'c',
          status: 'CHECKED_IN',
          undoableMove: 'CHECK_IN',
          undoableUntil: '2026-11-27T05:09:00Z',
        }),
        tokenView({
          tokenId: 'd',
          status: 'COMPLETED',
          undoableMove: 'COMPLETE',
          undoableUntil: '2026-11-27T04:59:59Z',
        }),
      ],
      calledTokenId: 'b',
    });
    expect(roomState(board, NOW, TODAY).undoable?.tokenId).toBe('b');
    const later = new Date('2026-11-27T05:08:01Z');
    expect(roomState(board, later, TODAY).keys.undo).toEqual({
      allowed: false,
      refusal: { kind: 'nothingToUndo' },
    });
  });

  it('transfers a chosen queue row even when nobody is called', () => {
    const row = waiting(8, 1);
    const board = boardView({ tokens: [row], roomQueue: ['t8'] });
    expect(roomState(board, NOW, TODAY).keys.transfer.allowed).toBe(false);
    expect(roomState(board, NOW, TODAY, row).keys.transfer).toEqual({ allowed: true });
  });
});

describe("the room's board right after a key", () => {
  const board = boardView({
    tokens: [waiting(8, 1), waiting(9, 2)],
    roomQueue: ['t8', 't9'],
    sequence: 5,
  });

  it('shows the called token called, out of the queue, until the next snapshot', () => {
    const called = withToken(board, { ...waiting(8, 0), status: 'CALLED' });
    expect(called).toMatchObject({ calledTokenId: 't8', roomQueue: ['t9'], sequence: 5 });
  });

  it('puts a skipped token at the end of the queue and nobody called', () => {
    const called = withToken(board, { ...waiting(8, 0), status: 'CALLED' });
    const skipped = withToken(called, { ...waiting(8, 0), skipCount: 1 });
    expect(skipped).toMatchObject({ calledTokenId: null, roomQueue: ['t9', 't8'] });
  });

  it('puts an undone call back at the place the service gave it', () => {
    const called = withToken(board, { ...waiting(8, 0), status: 'CALLED' });
    expect(withToken(called, waiting(8, 1)).roomQueue).toEqual(['t8', 't9']);
  });

  it('leaves a board without the token alone', () => {
    expect(withToken(board, waiting(40, 1))).toBe(board);
  });
});
