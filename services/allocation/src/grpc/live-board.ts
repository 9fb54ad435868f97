import {
  AllocationServiceService,
  EventEnvelope,
  WatchDoctorDayResponse,
  type AllocationServiceServer,
} from '@opd/api';
import type { Moment } from '../commands/day-view.js';
import type { BoardEncoding } from '../watch/board-hub.js';
import { boardMessage } from './messages.js';

// WatchDoctorDay's messages are encoded once per change and sent to every watcher as bytes:
// a board of hundreds of rows is not encoded again for each of hundreds of screens.

export const liveBoardEncoding = (moment: () => Moment): BoardEncoding => ({
  board: (view) =>
    WatchDoctorDayResponse.encode({ board: boardMessage(view, moment()), events: [] }).finish(),
  event: (envelope) =>
    WatchDoctorDayResponse.encode({
      board: undefined,
      events: [EventEnvelope.decode(envelope)],
    }).finish(),
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
