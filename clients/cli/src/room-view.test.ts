import { describe, expect, it } from '@jest/globals';
import { type DoctorDayBoard, Source, type Token, TokenMove, TokenStatus } from '@opd/api';
import {
  callLines,
  completeLines,
  renderQueue,
  skipLines,
  transferLines,
  undoLines,
} from './room-view.js';

const zone = 'Asia/Kolkata';
/** 10:00 in Kolkata plus `minutes`. */
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 27, 4, 30 + minutes));

const token = (n: number, name: string, more: Partial<Token> = {}): Token =>
  ({
    tokenId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    tokenNumber: n,
    patientName: name,
    date: '2026-11-27',
    slotLocalStartTime: '10:00',
    slotLocalEndTime: '11:00',
    source: Source.SOURCE_WALK_IN,
    status: TokenStatus.TOKEN_STATUS_CHECKED_IN,
    skipCount: 0,
    recallCount: 0,
    queuePlace: 0,
    ...more,
  }) as Token;

const board = (tokens: Token[], more: Partial<DoctorDayBoard> = {}): DoctorDayBoard =>
  ({
    doctorId: 'd',
    date: '2026-11-27',
    timeZone: zone,
    doctorDisplayName: 'Dr. Meera Rao',
    room: 'OPD 2, Room 14',
    consultationMinutes: 12,
    tokens,
    roomQueueTokenIds: tokens
      .filter((t) => t.queuePlace > 0)
      .sort((a, b) => a.queuePlace - b.queuePlace)
      .map((t) => t.tokenId),
    calledTokenId: tokens.find((t) => t.status === TokenStatus.TOKEN_STATUS_CALLED)?.tokenId ?? '',
    ...more,
  }) as DoctorDayBoard;

describe("the room's queue on a terminal", () => {
  it('puts the called patient on top, then the queue with places, local expected times and skips', () => {
    const called = token(7, 'Asha Rao', {
      status: TokenStatus.TOKEN_STATUS_CALLED,
      callTime: at(0),
      recallCount: 1,
    });
    const emergency = token(9, 'Imran Khan', {
      source: Source.SOURCE_EMERGENCY,
      queuePlace: 1,
      expectedCallTime: at(12),
    });
    const skipped = token(4, 'Ravi Kumar', {
      queuePlace: 2,
      expectedCallTime: at(24),
      skipCount: 1,
    });
    const booked = token(11, 'Vikram Shah', { status: TokenStatus.TOKEN_STATUS_ALLOCATED });
    expect(renderQueue(board([booked, skipped, called, emergency]), 'ENT')).toEqual([
      'Dr. Meera Rao (ENT), OPD 2, Room 14  2026-11-27  about 12 min a patient',
      '  PLACE  TOKEN  PATIENT     EXPECTED  SOURCE     NOTE',
      'in room     #7  Asha Rao              WALK_IN    called 10:00, recalled once',
      '      1     #9  Imran Khan  10:12     EMERGENCY',
      '      2     #4  Ravi Kumar  10:24     WALK_IN    skipped once',
      '',
      '2 waiting; 1 more booked, not checked in yet.',
    ]);
  });

  it('says so when nobody is waiting, and when the doctor has no room set', () => {
    expect(renderQueue(board([], { room: '' }))).toEqual([
      'Dr. Meera Rao, no room set  2026-11-27  about 12 min a patient',
      'Nobody is waiting and nobody is called in.',
    ]);
  });
});

describe("the room's operations in a sentence", () => {
  it('names the called patient and how many still wait, or that nobody waits', () => {
    const called = token(7, 'Asha Rao', { skipCount: 1 });
    expect(callLines({ token: called, queueLength: 3 }, 'Dr. Meera Rao', '2026-11-27')).toEqual([
      'Called token 7: Asha Rao (WALK_IN, slot 10:00-11:00, skipped once before).',
      '3 still waiting.',
      `  token_id ${called.tokenId}`,
    ]);
    expect(callLines({ token: undefined, queueLength: 0 }, 'Dr. Meera Rao', '2026-11-27')).toEqual([
      'Nobody waiting for Dr. Meera Rao on 2026-11-27.',
    ]);
  });

  it('tells where a skipped patient waits, and that twice skipped may be a no-show', () => {
    const once = token(7, 'Asha Rao', { skipCount: 1, queuePlace: 3, expectedCallTime: at(36) });
    expect(skipLines(once, zone)).toEqual([
      'Skipped token 7 (Asha Rao): back in the queue behind everyone not skipped, place 3 in the queue, expected 10:36 (skipped once).',
    ]);
    const twice = skipLines({ ...once, skipCount: 2 }, zone);
    expect(twice[1]).toBe(
      `  Skipped twice: it may be marked no-show now (\`opd token no-show ${once.tokenId}\`).`,
    );
  });

  it('gives the minutes the patient spent in the room', () => {
    const done = token(7, 'Asha Rao', { callTime: at(0), completeTime: at(11) });
    expect(completeLines(done)).toEqual(['Completed token 7 (Asha Rao) after 11 min in the room.']);
  });

  it('names the new token of a transferred patient and its place with the other doctor', () => {
    const old = token(7, 'Asha Rao', { status: TokenStatus.TOKEN_STATUS_TRANSFERRED });
    const fresh = token(2, 'Asha Rao', { queuePlace: 1, expectedCallTime: at(5) });
    expect(
      transferLines(
        { token: old, newToken: fresh, preemption: undefined, promotions: [] },
        'Dr. Arjun Nair',
        zone,
      ),
    ).toEqual([
      'Transferred token 7 (Asha Rao) to Dr. Arjun Nair: new token 2, slot 10:00-11:00, CHECKED_IN, place 1 in the queue, expected 10:05.',
      `  token_id ${fresh.tokenId}`,
    ]);
  });

  it('says which move was undone and where the token is now', () => {
    const back = token(7, 'Asha Rao', { queuePlace: 1, expectedCallTime: at(0) });
    expect(undoLines({ token: back, undoneMove: TokenMove.TOKEN_MOVE_CALL }, zone)).toEqual([
      'Undid the call of token 7 (Asha Rao): CHECKED_IN again, place 1 in the queue, expected 10:00.',
    ]);
  });
});
