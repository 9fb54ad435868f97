import {
  CallNextResponse,
  RecallTokenResponse,
  SkipTokenResponse,
  TransferTokenResponse,
  UndoTokenTransitionResponse,
  CancelTokenResponse,
  CancelWaitlistEntryResponse,
  CheckInTokenResponse,
  CompleteTokenResponse,
  CreateDoctorResponse,
  DeleteScheduleOverrideResponse,
  MarkNoShowResponse,
  RequestTokenResponse,
  SetScheduleOverrideResponse,
  UpdateDoctorResponse,
} from '@opd/api';
import type { CallOutcome } from '../commands/call-next.js';
import type { EntryCancellation } from '../commands/cancel-waitlist-entry.js';
import type { TransferOutcome } from '../commands/transfer-token.js';
import type { Reply } from '../commands/reply.js';
import type { TokenRequestOutcome } from '../commands/request-token.js';
import type { OverrideChange } from '../commands/set-schedule-override.js';
import type { TokenMoveOutcome } from '../commands/token-move.js';
import type { DoctorUpdate } from '../commands/update-doctor.js';
import type { Doctor } from '../db/entities/index.js';
import { toProtoTokenMove } from '../contract/enums.js';
import {
  doctorMessage,
  entryMessage,
  overrideMessage,
  promotionMessages,
  roomTiming,
  slotMessage,
  tokenMessage,
} from './messages.js';

// How each mutation's outcome becomes its opd.v1 answer, and how that answer is stored for a
// retry. Commands get these from the handlers and never see a message type.

interface MessageCodec<Res> {
  encode(message: Res): { finish(): Uint8Array };
  decode(bytes: Uint8Array): Res;
}

function reply<Outcome, Res>(
  codec: MessageCodec<Res>,
  answer: (outcome: Outcome) => Res,
): Reply<Outcome, Res> {
  return {
    answer,
    encode: (message) => codec.encode(message).finish(),
    decode: (bytes) => codec.decode(bytes),
  };
}

export const requestTokenReply = reply<TokenRequestOutcome, RequestTokenResponse>(
  RequestTokenResponse,
  ({ outcome, view, moment }) => {
    if (outcome.kind === 'WAITLISTED') {
      return {
        outcome: {
          $case: 'waitlisted',
          value: { waitlistEntry: entryMessage(view, outcome.entry) },
        },
      };
    }
    const preempted = outcome.preempted;
    return {
      outcome: {
        $case: 'allocated',
        value: {
          token: tokenMessage(view, outcome.token, roomTiming(view, moment)),
          slot: slotMessage(view, outcome.slot),
          preemption: preempted && {
            preemptedTokenId: preempted.id,
            preemptedTokenNumber: preempted.number,
            slotId: preempted.slotId,
            waitlistEntryId: outcome.displacedEntry?.id ?? '',
            waitlistPosition: outcome.displacedPosition ?? 0,
            reason: preempted.preemptionReason ?? '',
          },
        },
      },
    };
  },
);

const tokenOf = (outcome: TokenMoveOutcome) =>
  tokenMessage(outcome.view, outcome.token, roomTiming(outcome.view, outcome.moment));

const moved = (outcome: TokenMoveOutcome) => ({
  token: tokenOf(outcome),
  promotions: promotionMessages(
    outcome.promoted.map((token) => ({ view: outcome.view, token })),
    outcome.moment,
  ),
});

export const cancelTokenReply = reply<TokenMoveOutcome, CancelTokenResponse>(
  CancelTokenResponse,
  moved,
);
export const markNoShowReply = reply<TokenMoveOutcome, MarkNoShowResponse>(
  MarkNoShowResponse,
  moved,
);
export const checkInTokenReply = reply<TokenMoveOutcome, CheckInTokenResponse>(
  CheckInTokenResponse,
  (outcome) => ({ token: tokenOf(outcome) }),
);
export const completeTokenReply = reply<TokenMoveOutcome, CompleteTokenResponse>(
  CompleteTokenResponse,
  (outcome) => ({ token: tokenOf(outcome) }),
);

export const callNextReply = reply<CallOutcome, CallNextResponse>(
  CallNextResponse,
  ({ token, queueLength, view, moment }) => ({
    token: token && view && tokenMessage(view, token, roomTiming(view, moment)),
    queueLength,
  }),
);
export const recallTokenReply = reply<TokenMoveOutcome, RecallTokenResponse>(
  RecallTokenResponse,
  (outcome) => ({ token: tokenOf(outcome) }),
);
export const skipTokenReply = reply<TokenMoveOutcome, SkipTokenResponse>(
  SkipTokenResponse,
  (outcome) => ({ token: tokenOf(outcome) }),
);
export const undoTokenTransitionReply = reply<TokenMoveOutcome, UndoTokenTransitionResponse>(
  UndoTokenTransitionResponse,
  (outcome) => {
    const undone = outcome.token.lastTransition;
    return { token: tokenOf(outcome), undoneMove: undone ? toProtoTokenMove(undone.move) : 0 };
  },
);

export const transferTokenReply = reply<TransferOutcome, TransferTokenResponse>(
  TransferTokenResponse,
  (t) => ({
    token: tokenMessage(t.source, t.token, roomTiming(t.source, t.moment)),
    newToken: tokenMessage(t.target, t.newToken, roomTiming(t.target, t.moment)),
    preemption: t.preempted && {
      preemptedTokenId: t.preempted.id,
      preemptedTokenNumber: t.preempted.number,
      slotId: t.preempted.slotId,
      waitlistEntryId: t.displacedEntry?.id ?? '',
      waitlistPosition: t.displacedPosition ?? 0,
      reason: t.preempted.preemptionReason ?? '',
    },
    promotions: promotionMessages(
      t.promoted.map((token) => ({ view: t.source, token })),
      t.moment,
    ),
  }),
);

export const cancelWaitlistEntryReply = reply<EntryCancellation, CancelWaitlistEntryResponse>(
  CancelWaitlistEntryResponse,
  ({ entry, view }) => ({ waitlistEntry: entryMessage(view, entry) }),
);

export const createDoctorReply = reply<Doctor, CreateDoctorResponse>(
  CreateDoctorResponse,
  (doctor) => ({ doctor: doctorMessage(doctor) }),
);

export const updateDoctorReply = reply<DoctorUpdate, UpdateDoctorResponse>(
  UpdateDoctorResponse,
  ({ doctor, promotions, moment }) => ({
    doctor: doctorMessage(doctor),
    promotions: promotionMessages(promotions, moment),
  }),
);

export const setScheduleOverrideReply = reply<OverrideChange, SetScheduleOverrideResponse>(
  SetScheduleOverrideResponse,
  ({ override, promotions, moment }) => ({
    scheduleOverride: override && overrideMessage(override),
    promotions: promotionMessages(promotions, moment),
  }),
);

export const deleteScheduleOverrideReply = reply<OverrideChange, DeleteScheduleOverrideResponse>(
  DeleteScheduleOverrideResponse,
  ({ promotions, moment }) => ({ promotions: promotionMessages(promotions, moment) }),
);
