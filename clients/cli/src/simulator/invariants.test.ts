import { describe, expect, it } from '@jest/globals';
import {
  type DoctorDayBoard,
  type Slot,
  SlotStatus,
  type Token,
  TokenStatus,
  WaitlistEntryStatus,
} from '@opd/api';
import { boardViolations } from './invariants.js';

const now = new Date('2026-11-27T04:00:00Z');
const slot = (id: string, occupancy: number, capacity: number, endsInMinutes: number): Slot => ({
  slotId: id,
  startTime: new Date(now.getTime() + (endsInMinutes - 15) * 60_000),
  endTime: new Date(now.getTime() + endsInMinutes * 60_000),
  localStartTime: id,
  localEndTime: '',
  capacity,
  occupancy,
  status: occupancy >= capacity ? SlotStatus.SLOT_STATUS_FULL : SlotStatus.SLOT_STATUS_OPEN,
});
const token = (n: number, slotId: string, patientId = `p${n}`): Token =>
  ({ tokenNumber: n, slotId, patientId, status: TokenStatus.TOKEN_STATUS_ALLOCATED }) as Token;
const board = (slots: Slot[], tokens: Token[], waiting = 0): DoctorDayBoard =>
  ({
    slots,
    tokens,
    waitlistEntries: Array.from({ length: waiting }, (_, i) => ({
      patientId: `w${i}`,
      status: WaitlistEntryStatus.WAITLIST_ENTRY_STATUS_WAITING,
    })),
  }) as DoctorDayBoard;

describe('checking a board from outside the service', () => {
  it('finds nothing wrong with a consistent day', () => {
    expect(
      boardViolations(board([slot('09:00', 1, 1, 30)], [token(1, '09:00')], 2), now, 'Dr. A'),
    ).toEqual([]);
  });

  it('reports a slot over capacity and a count out of step', () => {
    const violations = boardViolations(
      board([slot('09:00', 2, 1, 30)], [token(1, '09:00'), token(2, '09:00'), token(3, '09:00')]),
      now,
      'Dr. A',
    );
    expect(violations).toContain('Dr. A slot 09:00 holds 2 tokens for 1 places');
    expect(violations).toContain('Dr. A slot 09:00 says 2 places are taken but 3 tokens hold one');
  });

  it('reports patients waiting while a live slot has room, but not for an ended slot', () => {
    expect(boardViolations(board([slot('09:00', 0, 1, 30)], [], 1), now, 'Dr. A')).toEqual([
      'Dr. A has 1 waiting while the 09:00 slot has room',
    ]);
    expect(boardViolations(board([slot('08:00', 0, 1, -5)], [], 1), now, 'Dr. A')).toEqual([]);
  });

  it('reports a patient holding two places', () => {
    const twice = board(
      [slot('09:00', 2, 2, 30)],
      [token(1, '09:00', 'p'), token(2, '09:00', 'p')],
    );
    expect(boardViolations(twice, now, 'Dr. A')).toContain(
      'Dr. A has a patient holding two tokens or places',
    );
  });

  it('counts a patient called into the room as holding a place, and allows one such at a time', () => {
    const inRoom = (n: number) => ({
      ...token(n, '09:00'),
      status: TokenStatus.TOKEN_STATUS_CALLED,
    });
    expect(boardViolations(board([slot('09:00', 1, 2, 30)], [inRoom(1)]), now, 'Dr. A')).toEqual(
      [],
    );
    expect(
      boardViolations(board([slot('09:00', 2, 2, 30)], [inRoom(1), inRoom(2)]), now, 'Dr. A'),
    ).toEqual(['Dr. A has 2 patients called into the room at once (tokens 1, 2)']);
  });
});
