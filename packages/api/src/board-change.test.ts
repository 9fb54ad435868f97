import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { applyBoardChange, boardAfter, boardChange, boardRows } from './board-change.js';
import { DoctorDayBoard, Slot, SlotStatus, Token, TokenStatus, WaitlistEntry } from './index.js';

// Boards as the server orders them: slots by start, tokens by number, the waitlist by position.
const DAY = Date.UTC(2026, 11, 7, 3, 30);

const slotArb = fc.record({
  slotId: fc.uuid(),
  minute: fc.integer({ min: 0, max: 480 }),
  capacity: fc.integer({ min: 1, max: 6 }),
  occupancy: fc.integer({ min: 0, max: 6 }),
});
const tokenArb = fc.record({
  tokenId: fc.uuid(),
  tokenNumber: fc.integer({ min: 1, max: 1_000 }),
  status: fc.constantFrom(TokenStatus.TOKEN_STATUS_ALLOCATED, TokenStatus.TOKEN_STATUS_CHECKED_IN),
  patientName: fc.string({ maxLength: 12 }),
  queuePlace: fc.integer({ min: 0, max: 40 }),
});
const entryArb = fc.record({
  waitlistEntryId: fc.uuid(),
  priority: fc.integer({ min: 0, max: 3 }),
  notes: fc.string({ maxLength: 12 }),
});

const boardArb = (sequence: number) =>
  fc
    .record({
      slots: fc.uniqueArray(slotArb, { selector: (s) => s.minute, maxLength: 8 }),
      tokens: fc.uniqueArray(tokenArb, { selector: (t) => t.tokenNumber, maxLength: 12 }),
      entries: fc.array(entryArb, { maxLength: 8 }),
      room: fc.constantFrom('', 'OPD 2, Room 14'),
      consultationMinutes: fc.integer({ min: 2, max: 30 }),
      called: fc.boolean(),
    })
    .map((b): DoctorDayBoard => ({
      ...DoctorDayBoard.fromPartial({ doctorDayId: 'day', doctorId: 'doctor', date: '2026-12-07' }),
      timeZone: 'Asia/Kolkata',
      sequence,
      slots: [...b.slots]
        .sort((x, y) => x.minute - y.minute)
        .map((s) =>
          Slot.fromPartial({
            slotId: s.slotId,
            startTime: new Date(DAY + s.minute * 60_000),
            endTime: new Date(DAY + (s.minute + 15) * 60_000),
            capacity: s.capacity,
            occupancy: s.occupancy,
            status: SlotStatus.SLOT_STATUS_OPEN,
          }),
        ),
      tokens: [...b.tokens]
        .sort((x, y) => x.tokenNumber - y.tokenNumber)
        .map((t) => Token.fromPartial(t)),
      waitlistEntries: b.entries.map((e, i) =>
        WaitlistEntry.fromPartial({ ...e, position: i + 1 }),
      ),
      doctorDisplayName: 'Dr. Asha Menon',
      room: b.room,
      consultationMinutes: b.consultationMinutes,
      roomQueueTokenIds: b.tokens.filter((t) => t.queuePlace > 0).map((t) => t.tokenId),
      calledTokenId: b.called && b.tokens[0] ? b.tokens[0].tokenId : '',
    }));

/** A later version: some rows of the first kept (changed or not), some dropped, some new. */
const versionsArb = boardArb(7).chain((from) =>
  fc
    .record({
      next: boardArb(9),
      keepSlots: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
      keepTokens: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
      renameTokens: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
      keepEntries: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    })
    .map(({ next, keepSlots, keepTokens, renameTokens, keepEntries }) => {
      const slots = [
        ...from.slots.filter((_, i) => keepSlots[i]),
        ...next.slots.filter(
          (s) => !from.slots.some((f) => f.startTime?.getTime() === s.startTime?.getTime()),
        ),
      ].sort((a, b) => (a.startTime?.getTime() ?? 0) - (b.startTime?.getTime() ?? 0));
      const tokens = [
        ...from.tokens
          .filter((_, i) => keepTokens[i])
          .map((t, i) => (renameTokens[i] ? { ...t, patientName: `${t.patientName}!` } : t)),
        ...next.tokens.filter((t) => !from.tokens.some((f) => f.tokenNumber === t.tokenNumber)),
      ].sort((a, b) => a.tokenNumber - b.tokenNumber);
      const waitlistEntries = [
        ...from.waitlistEntries.filter((_, i) => keepEntries[i]),
        ...next.waitlistEntries,
      ].map((e, i) => ({ ...e, position: i + 1 }));
      return { from, to: { ...next, slots, tokens, waitlistEntries } };
    }),
);

describe('a board change', () => {
  it('applied to the board it was made from gives the later board exactly', () => {
    fc.assert(
      fc.property(versionsArb, ({ from, to }) => {
        const change = boardChange(boardRows(from), boardRows(to));
        expect(applyBoardChange(from, change)).toEqual(to);
      }),
      { numRuns: 300 },
    );
  });

  it('carries only the rows that changed', () => {
    fc.assert(
      fc.property(boardArb(3), (board) => {
        const same = boardChange(boardRows(board), boardRows({ ...board, sequence: 4 }));
        expect(same.slots).toEqual([]);
        expect(same.tokens).toEqual([]);
        expect(same.waitlistEntries).toEqual([]);
        expect([...same.removedSlotIds, ...same.removedTokenIds]).toEqual([]);
        expect(same.removedWaitlistEntryIds).toEqual([]);
      }),
    );
    const board = fc.sample(
      boardArb(3).filter((b) => b.tokens.length >= 3),
      { numRuns: 1, seed: 42 },
    )[0];
    if (!board) throw new Error('no board sampled');
    const [first, second, third] = board.tokens;
    if (!first || !second || !third) throw new Error('too few tokens');
    const later = {
      ...board,
      sequence: 4,
      tokens: board.tokens
        .filter((t) => t !== third)
        .map((t) => (t === second ? { ...t, status: TokenStatus.TOKEN_STATUS_COMPLETED } : t)),
    };
    const change = boardChange(boardRows(board), boardRows(later));
    expect(change.tokens.map((t) => t.tokenId)).toEqual([second.tokenId]);
    expect(change.removedTokenIds).toEqual([third.tokenId]);
    expect(first).toBe(later.tokens[0]);
  });

  it('refuses a board of another version', () => {
    const [from, to] = fc.sample(boardArb(5), { numRuns: 2, seed: 7 });
    if (!from || !to) throw new Error('no boards sampled');
    const change = boardChange(boardRows(from), boardRows({ ...to, sequence: 6 }));
    expect(applyBoardChange({ ...from, sequence: 4 }, change)).toBeUndefined();
    expect(applyBoardChange(from, change)?.sequence).toBe(6);
  });

  it('shares the bytes of unchanged rows with the version before', () => {
    const [board] = fc.sample(
      boardArb(5).filter((b) => b.tokens.length > 0),
      { numRuns: 1, seed: 3 },
    );
    if (!board) throw new Error('no board sampled');
    const before = boardRows(board);
    const after = boardRows({ ...board, sequence: 6 }, before);
    for (const [id, bytes] of after.tokens) expect(bytes).toBe(before.tokens.get(id));
  });

  it('gives a watcher the board a message carries, or its change applied to the board held', () => {
    const [from, to] = fc.sample(boardArb(5), { numRuns: 2, seed: 11 });
    if (!from || !to) throw new Error('no boards sampled');
    const later = { ...to, sequence: 6 };
    const change = boardChange(boardRows(from), boardRows(later));
    expect(boardAfter(undefined, { board: from, boardChange: undefined })).toBe(from);
    expect(boardAfter(from, { board: undefined, boardChange: change })).toEqual(later);
    expect(boardAfter(undefined, { board: undefined, boardChange: change })).toBeUndefined();
    expect(
      boardAfter({ ...from, sequence: 4 }, { board: undefined, boardChange: change }),
    ).toBeUndefined();
  });
});
