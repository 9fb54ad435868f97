import type { Patient } from './patients.js';
import type { SimulatedDoctor } from './simulation-day.js';

/** The token a room has called in, as the room's next steps need it. */
export interface CalledToken {
  readonly tokenId: string;
  readonly tokenNumber: number;
  /** The simulated minute of the call; unset for a token found called (before the run). */
  readonly calledAt?: number;
}

/** Something on the simulation's agenda, at a simulated minute. */
export type Action =
  | { readonly at: number; readonly kind: 'arrive' }
  | {
      readonly at: number;
      /** What the patient holding `tokenId` does next. */
      readonly kind: 'check-in' | 'cancel' | 'no-show';
      readonly patient: Patient;
      readonly tokenId: string;
    }
  | {
      readonly at: number;
      /** A waiting patient gives up. */
      readonly kind: 'withdraw';
      readonly patient: Patient;
      readonly entryId: string;
    }
  | RoomAction;

/** The doctor's room is free and calls the next patient in. */
export type RoomCall = {
  readonly at: number;
  readonly kind: 'room-call';
  readonly doctor: SimulatedDoctor;
};

/** What the room does next with the patient it called. */
export type RoomStep = {
  readonly at: number;
  readonly kind: 'room-recall' | 'room-skip' | 'room-complete' | 'room-transfer';
  readonly doctor: SimulatedDoctor;
  readonly token: CalledToken;
};

/** Everything the rooms do (with a doctor key; a transfer is made at the counter). */
export type RoomAction = RoomCall | RoomStep;

/** An action on a token the patient holds. */
export type TokenAction = Extract<Action, { tokenId: string }>;

export const isRoomAction = (action: Action): action is RoomAction =>
  action.kind.startsWith('room-');
