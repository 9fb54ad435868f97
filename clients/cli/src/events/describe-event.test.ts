import { describe, expect, it } from '@jest/globals';
import { type EventEnvelope, TokenMove, TokenStatus } from '@opd/api';
import { describeEvent } from './describe-event.js';

const envelope = (payload: EventEnvelope['payload']): EventEnvelope =>
  ({
    occurredAt: new Date('2026-11-27T05:02:11Z'),
    date: '2026-11-27',
    doctorId: 'd-1',
    sequence: 14,
    actor: { keyName: 'room-14' },
    payload,
  }) as EventEnvelope;

const names = new Map([['d-1', 'Dr. Meera Rao']]);
const line = (payload: EventEnvelope['payload']) =>
  describeEvent(envelope(payload), 'Asia/Kolkata', names);

describe("the room's events in `opd events tail`", () => {
  it('says which token the room called, recalled or skipped, and how often', () => {
    expect(
      line({ $case: 'tokenCalled', value: { tokenId: 't', tokenNumber: 7, callTime: undefined } }),
    ).toBe('10:32:11  2026-11-27 Dr. Meera Rao #14  token_called  token 7 called in  by room-14');
    expect(
      line({
        $case: 'tokenSkipped',
        value: { tokenId: 't', tokenNumber: 7, skipTime: undefined, skipCount: 2 },
      }),
    ).toContain('token_skipped  token 7 skipped (twice)');
  });

  it('names the move an undo took back and the status the token is in again', () => {
    expect(
      line({
        $case: 'tokenTransitionUndone',
        value: {
          tokenId: 't',
          tokenNumber: 7,
          move: TokenMove.TOKEN_MOVE_CALL,
          fromStatus: TokenStatus.TOKEN_STATUS_CALLED,
          toStatus: TokenStatus.TOKEN_STATUS_CHECKED_IN,
          undoTime: undefined,
        },
      }),
    ).toContain('token_transition_undone  token 7: call undone, CHECKED_IN again');
  });
});
