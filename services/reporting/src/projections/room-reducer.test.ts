import { describe, expect, it } from '@jest/globals';
import { TokenMove, TokenStatus, type EventEnvelope } from '@opd/api';
import { InMemoryReadModel } from '../testing/in-memory-read-model.js';
import { RoomDayScript } from '../testing/room-day-script.js';

const { CALL, SKIP, COMPLETE, CHECK_IN, CANCEL, NO_SHOW } = {
  CALL: TokenMove.TOKEN_MOVE_CALL,
  SKIP: TokenMove.TOKEN_MOVE_SKIP,
  COMPLETE: TokenMove.TOKEN_MOVE_COMPLETE,
  CHECK_IN: TokenMove.TOKEN_MOVE_CHECK_IN,
  CANCEL: TokenMove.TOKEN_MOVE_CANCEL,
  NO_SHOW: TokenMove.TOKEN_MOVE_NO_SHOW,
};

const minute = (day: RoomDayScript, hhmm: string) => new Date(`${day.date}T${hhmm}:00+05:30`);

function played(...days: RoomDayScript[]): InMemoryReadModel {
  return InMemoryReadModel.deliver(days.flatMap((d) => d.events));
}

describe("the doctor's room in the read model", () => {
  it('calls a patient in, announces them again and completes a consultation that ran from the call', () => {
    const day = new RoomDayScript().open();
    const id = day.allocate();
    day.at('09:00').checkIn(id).at('09:10').call(id).recall(id).recall(id).at('09:22').complete(id);

    const model = played(day);
    expect(model.tokens.get(id)).toMatchObject({
      status: 'COMPLETED',
      callTime: minute(day, '09:10'),
      completeTime: minute(day, '09:22'),
      recallCount: 2,
      completedFromCall: true,
    });
    expect(model.days.get(day.doctorDayId)).toMatchObject({ callCount: 1, recallCount: 2 });
  });

  it('sends a skipped patient back to the queue with the call they missed, and an undone skip back in', () => {
    const day = new RoomDayScript().open();
    const id = day.allocate();
    day.at('09:00').checkIn(id).at('09:10').call(id).skip(id).at('09:30').call(id).skip(id);
    const twice = played(day).tokens.get(id);
    day.undo(id, SKIP);

    expect(twice).toMatchObject({
      status: 'CHECKED_IN',
      skipCount: 2,
      callTime: minute(day, '09:30'),
    });
    expect(played(day).tokens.get(id)).toMatchObject({
      status: 'CALLED',
      skipCount: 1,
      callTime: minute(day, '09:30'),
    });
    expect(played(day).days.get(day.doctorDayId)).toMatchObject({
      callCount: 2,
      skipCount: 2,
      undoCount: 1,
    });
  });

  it('does not take a completion without a call for a consultation, even after an earlier call', () => {
    const day = new RoomDayScript().open();
    const id = day.allocate();
    day.checkIn(id).call(id).skip(id).complete(id);

    expect(played(day).tokens.get(id)).toMatchObject({
      status: 'COMPLETED',
      completedFromCall: false,
    });
  });

  it('takes back exactly what an undone move set', () => {
    const day = new RoomDayScript({ capacities: [6] }).open();
    const [called, seen, arrived, cancelled, absent] = Array.from({ length: 5 }, () =>
      day.allocate(),
    ) as [string, string, string, string, string];
    day.checkIn(called).call(called).recall(called).undo(called, CALL);
    day.checkIn(seen).call(seen).complete(seen).undo(seen, COMPLETE);
    day.checkIn(arrived).undo(arrived, CHECK_IN);
    day.cancel(cancelled).undo(cancelled, CANCEL);
    day.checkIn(absent).noShow(absent).undo(absent, NO_SHOW, TokenStatus.TOKEN_STATUS_CHECKED_IN);

    const model = played(day);
    const token = (id: string) => model.tokens.get(id);
    expect(token(called)).toMatchObject({ status: 'CHECKED_IN', callTime: null, recallCount: 1 });
    expect(token(seen)).toMatchObject({
      status: 'CALLED',
      completeTime: null,
      completedFromCall: false,
    });
    expect(token(seen)?.callTime).toBeInstanceOf(Date);
    expect(token(arrived)).toMatchObject({ status: 'ALLOCATED', checkInTime: null });
    expect(token(cancelled)).toMatchObject({ status: 'ALLOCATED', cancelTime: null });
    expect(token(absent)).toMatchObject({ status: 'CHECKED_IN', noShowTime: null });
    expect(token(absent)?.checkInTime).toBeInstanceOf(Date);
    expect(model.days.get(day.doctorDayId)).toMatchObject({ callCount: 2, undoCount: 5 });
  });

  it('moves a patient to another doctor: transferred on one day, a checked-in token on the other', () => {
    const [ent, eye] = [new RoomDayScript().open(), new RoomDayScript().open()];
    const id = ent.allocate();
    ent.at('09:00').checkIn(id).at('09:10').call(id);
    const moved = ent.at('09:12').transfer(id, eye, { checkedIn: true });

    const model = played(ent, eye);
    expect(model.tokens.get(id)).toMatchObject({
      status: 'TRANSFERRED',
      transferTime: minute(ent, '09:12'),
      transferredToTokenId: moved,
      callTime: minute(ent, '09:10'),
    });
    expect(model.tokens.get(moved)).toMatchObject({
      doctorDayId: eye.doctorDayId,
      status: 'CHECKED_IN',
      checkInTime: minute(ent, '09:12'),
      transferredFromTokenId: id,
      patientId: model.tokens.get(id)?.patientId,
      callTime: null,
    });
    expect(model.days.get(ent.doctorDayId)).toMatchObject({
      transferredOutCount: 1,
      transferredInCount: 0,
    });
    expect(model.days.get(eye.doctorDayId)).toMatchObject({
      transferredOutCount: 0,
      transferredInCount: 1,
    });
  });

  it('refuses events it cannot take: an unknown move or status, a count below one', () => {
    const day = new RoomDayScript().open();
    const id = day.allocate();
    day.checkIn(id).call(id).undo(id, TokenMove.TOKEN_MOVE_UNSPECIFIED);
    expect(() => played(day)).toThrow(/move is not a move that can be undone/);

    const again = new RoomDayScript().open();
    const other = again.allocate();
    again.checkIn(other).call(other).recall(other);
    const recalled = again.events.at(-1) as EventEnvelope;
    if (recalled.payload?.$case !== 'tokenRecalled') throw new Error('expected a recall');
    recalled.payload.value.recallCount = 0;
    expect(() => played(again)).toThrow(/recall_count must be 1 or more/);

    const third = new RoomDayScript().open();
    const token = third.allocate();
    third.checkIn(token).undo(token, CHECK_IN, TokenStatus.UNRECOGNIZED);
    expect(() => played(third)).toThrow(/to_status is not a known status/);
  });
});
