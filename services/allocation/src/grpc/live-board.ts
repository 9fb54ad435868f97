import {
  AllocationServiceService,
  boardChange,
  boardRows,
  EventEnvelope,
  type BoardRows,
  WatchDoctorDayResponse,
  type AllocationServiceServer,
} from '@opd/api';
import type { Moment } from '../commands/day-view.js';
import type { BoardEncoding } from '../watch/board-hub.js';
import { boardMessage } from './messages.js';

// WatchDoctorDay's messages are encoded once per change and sent to every watcher as bytes:
// a board of hundreds of rows is not encoded again for each of hundreds of screens, and a
// screen that asked for changes only gets the rows that changed.

export const liveBoardEncoding = (moment: () => Moment): BoardEncoding<BoardRows> => {
  const boards = new WeakMap<BoardRows, Uint8Array>();
  return {
    snapshot: (view, previous) => boardRows(boardMessage(view, atTheMinute(moment())), previous),
    board: (snapshot) => {
      let bytes = boards.get(snapshot);
      if (!bytes) {
        bytes = WatchDoctorDayResponse.encode({
          board: snapshot.board,
          events: [],
          boardChange: undefined,
        }).finish();
        boards.set(snapshot, bytes);
      }
      return bytes;
    },
    change: (from, to) =>
      WatchDoctorDayResponse.encode({
        board: undefined,
        events: [],
        boardChange: boardChange(from, to),
      }).finish(),
    event: (envelope) =>
      WatchDoctorDayResponse.encode({
        board: undefined,
        events: [EventEnvelope.decode(envelope)],
        boardChange: undefined,
      }).finish(),
  };
};

/**
 * Live boards reckon the clock's parts (expected call times, what may still be undone) at the
 * next whole minute, as screens show them: otherwise every queued token would change at every
 * change of the day, and a screen that asked for changes only would get the whole queue each time.
 */
const atTheMinute = (moment: Moment): Moment => ({
  ...moment,
  now: Math.ceil(moment.now / 60_000) * 60_000,
});

const serializeWatch = AllocationServiceService.watchDoctorDay.responseSerialize;

/** The service definition, with WatchDoctorDay passing already encoded messages through. */
export const allocationServiceDefinition = {
  ...AllocationServiceService,
  watchDoctorDay: {
    ...AllocationServiceService.watchDoctorDay,
    responseSerialize: (value: WatchDoctorDayResponse | Uint8Array): Buffer =>
      value instanceof Uint8Array ? Buffer.from(value) : serializeWatch(value),
  },
} as const;

/** An encoded message handed to `send` where the generated types expect the message object. */
export const preEncoded = (bytes: Uint8Array): WatchDoctorDayResponse =>
  bytes as unknown as WatchDoctorDayResponse;

export type WatchHandler = AllocationServiceServer['watchDoctorDay'];
