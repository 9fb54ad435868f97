import {
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
import type { EntryCancellation } from '../commands/cancel-waitlist-entry.js';
import type { Reply } from '../commands/reply.js';
import type { TokenRequestOutcome } from '../commands/request-token.js';
import type { OverrideChange } from '../commands/set-schedule-override.js';
import type { TokenMoveOutcome } from '../commands/token-move.js';
import type { DoctorUpdate } from '../commands/update-doctor.js';
import type { Doctor } from '../db/entities/index.js';
import {
  doctorMessage,
  entryMessage,
  overrideMessage,
  promotionMessages,
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
  ({ outcome, view }) => {
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
          token: tokenMessage(view, outcome.token),
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

const moved = (outcome: TokenMoveOutcome) => ({
  token: tokenMessage(outcome.view, outcome.token),
  promotions: promotionMessages(outcome.promoted.map((token) => ({ view: outcome.view, token }))),
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
  (outcome) => ({ token: tokenMessage(outcome.view, outcome.token) }),
);
export const completeTokenReply = reply<TokenMoveOutcome, CompleteTokenResponse>(
  CompleteTokenResponse,
  (outcome) => ({ token: tokenMessage(outcome.view, outcome.token) }),
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
  ({ doctor, promotions }) => ({
    doctor: doctorMessage(doctor),
    promotions: promotionMessages(promotions),
  }),
);

export const setScheduleOverrideReply = reply<OverrideChange, SetScheduleOverrideResponse>(
  SetScheduleOverrideResponse,
  ({ override, promotions }) => ({
    scheduleOverride: override && overrideMessage(override),
    promotions: promotionMessages(promotions),
  }),
);

export const deleteScheduleOverrideReply = reply<OverrideChange, DeleteScheduleOverrideResponse>(
  DeleteScheduleOverrideResponse,
  ({ promotions }) => ({ promotions: promotionMessages(promotions) }),
);
