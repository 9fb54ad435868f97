import {
  CallNextRequest,
  RecallTokenRequest,
  SkipTokenRequest,
  TransferTokenRequest,
  UndoTokenTransitionRequest,
  CancelTokenRequest,
  CancelWaitlistEntryRequest,
  CheckInTokenRequest,
  CompleteTokenRequest,
  CreateDoctorRequest,
  DeleteScheduleOverrideRequest,
  MarkNoShowRequest,
  RequestTokenRequest,
  SetScheduleOverrideRequest,
  UpdateDoctorRequest,
  type AllocationServiceServer,
  type BoardRows,
  type WatchDoctorDayRequest,
  type WatchDoctorDayResponse,
} from '@opd/api';
import {
  serverStream,
  unary,
  type RpcContext,
  type RpcDeps,
  type ServerStreamSpec,
  type UnarySpec,
} from '@opd/service-runtime';
import { callNext } from '../commands/call-next.js';
import { cancelToken } from '../commands/cancel-token.js';
import { recallToken } from '../commands/recall-token.js';
import { skipToken } from '../commands/skip-token.js';
import { transferToken } from '../commands/transfer-token.js';
import { undoTokenTransition } from '../commands/undo-token-transition.js';
import { cancelWaitlistEntry } from '../commands/cancel-waitlist-entry.js';
import { checkInToken } from '../commands/check-in-token.js';
import type { CommandCall, CommandEnv } from '../commands/command-env.js';
import { completeToken } from '../commands/complete-token.js';
import { createDoctor } from '../commands/create-doctor.js';
import { markNoShow } from '../commands/mark-no-show.js';
import { requestToken } from '../commands/request-token.js';
import { deleteScheduleOverride, setScheduleOverride } from '../commands/set-schedule-override.js';
import { updateDoctor } from '../commands/update-doctor.js';
import { listAuditEntries } from '../queries/audit-entries.js';
import { doctorDayView } from '../queries/board.js';
import { listDoctorDays } from '../queries/doctor-days.js';
import { getDoctor, listDoctors, listScheduleOverrides } from '../queries/doctors.js';
import { findPatient, getToken } from '../queries/tokens.js';
import type { BoardHub } from '../watch/board-hub.js';
import { preEncoded } from './live-board.js';
import { asApiError } from './domain-errors.js';
import {
  auditEntryMessage,
  boardMessage,
  doctorMessage,
  entryMessage,
  overrideMessage,
  patientMessage,
  roomTiming,
  tokenMessage,
} from './messages.js';
import * as replies from './replies.js';
import { ALLOCATION_ROLES as ROLES, movesOf, type AllocationMethod } from './roles.js';
import * as input from './requests.js';

/** Who called, for commands: the API key's identity plus the idempotency key and deadline. */
function commandCall(ctx: RpcContext, requestId: string): CommandCall {
  return {
    method: ctx.method,
    actor: {
      keyName: ctx.caller.keyName,
      role: ctx.caller.role,
      peer: ctx.caller.peer,
      userAgent: ctx.caller.userAgent,
    },
    requestId,
    signal: ctx.signal,
    deadline: ctx.deadline,
  };
}

/** The request minus its idempotency key: what "the same request" means on a retry. */
const fingerprint = <T extends { requestId: string }>(
  codec: { encode(m: T): { finish(): Uint8Array } },
  request: T,
) => codec.encode({ ...request, requestId: '' }).finish();

type Handle<Req, Res> = (request: Req, ctx: RpcContext) => Promise<Res>;

/**
 * AllocationService: each handler validates (naming every bad field), then calls one command or
 * query and turns its outcome into the answer. Authentication, authorisation, logging and the
 * mapping of refusals to statuses come from the wrappers.
 */
export function allocationService(
  env: CommandEnv,
  deps: RpcDeps,
  boards: BoardHub<BoardRows>,
): AllocationServiceServer {
  const rpc = <Req, Res>(method: AllocationMethod, handle: Handle<Req, Res>) =>
    unary<Req, Res>(
      {
        method,
        roles: ROLES[method],
        handle: (request, ctx) =>
          handle(request, ctx).catch((error: unknown) => {
            throw asApiError(error);
          }),
      } satisfies UnarySpec<Req, Res>,
      deps,
    );
  const moment = () => ({ now: env.clock.now(), policy: env.hospital.policy });
  const mutation = <Req extends { requestId: string }>(
    codec: { encode(m: Req): { finish(): Uint8Array } },
    request: Req,
  ) => fingerprint(codec, request);

  return {
    createDoctor: rpc('CreateDoctor', (req: CreateDoctorRequest, ctx) =>
      createDoctor(env, commandCall(ctx, req.requestId), input.newDoctor(req), {
        fingerprint: mutation(CreateDoctorRequest, req),
        reply: replies.createDoctorReply,
      }),
    ),
    updateDoctor: rpc('UpdateDoctor', (req: UpdateDoctorRequest, ctx) => {
      const { doctorId, changes } = input.doctorChanges(req);
      return updateDoctor(env, commandCall(ctx, req.requestId), doctorId, changes, {
        fingerprint: mutation(UpdateDoctorRequest, req),
        reply: replies.updateDoctorReply,
      });
    }),
    getDoctor: rpc('GetDoctor', async (req: { doctorId: string }) => ({
      doctor: doctorMessage(await getDoctor(env, input.doctorId(req.doctorId))),
    })),
    listDoctors: rpc(
      'ListDoctors',
      async (req: {
        department: string;
        showInactive: boolean;
        pageSize: number;
        pageToken: string;
      }) => {
        const page = await listDoctors(env, input.doctorFilter(req));
        return { doctors: page.items.map(doctorMessage), nextPageToken: page.nextPageToken };
      },
    ),
    setScheduleOverride: rpc('SetScheduleOverride', (req: SetScheduleOverrideRequest, ctx) =>
      setScheduleOverride(env, commandCall(ctx, req.requestId), input.override(env, req), {
        fingerprint: mutation(SetScheduleOverrideRequest, req),
        reply: replies.setScheduleOverrideReply,
      }),
    ),
    deleteScheduleOverride: rpc(
      'DeleteScheduleOverride',
      (req: DeleteScheduleOverrideRequest, ctx) =>
        deleteScheduleOverride(
          env,
          commandCall(ctx, req.requestId),
          input.overrideRemoval(env, req),
          {
            fingerprint: mutation(DeleteScheduleOverrideRequest, req),
            reply: replies.deleteScheduleOverrideReply,
          },
        ),
    ),
    listScheduleOverrides: rpc(
      'ListScheduleOverrides',
      async (req: {
        doctorId: string;
        startDate: string;
        endDate: string;
        pageSize: number;
        pageToken: string;
      }) => {
        const page = await listScheduleOverrides(env, input.overrideRange(req));
        return {
          scheduleOverrides: page.items.map(overrideMessage),
          nextPageToken: page.nextPageToken,
        };
      },
    ),
    requestToken: rpc('RequestToken', (req: RequestTokenRequest, ctx) =>
      requestToken(
        env,
        commandCall(ctx, req.requestId),
        input.tokenRequest(env, req, ctx.caller.role),
        {
          fingerprint: mutation(RequestTokenRequest, req),
          reply: replies.requestTokenReply,
        },
      ),
    ),
    getToken: rpc('GetToken', async (req: { tokenId: string }) => {
      const { view, token } = await getToken(env, input.tokenId(req.tokenId));
      return { token: tokenMessage(view, token, roomTiming(view, moment())) };
    }),
    cancelToken: rpc('CancelToken', (req: CancelTokenRequest, ctx) =>
      cancelToken(env, commandCall(ctx, req.requestId), input.tokenCancellation(req), {
        fingerprint: mutation(CancelTokenRequest, req),
        reply: replies.cancelTokenReply,
      }),
    ),
    cancelWaitlistEntry: rpc('CancelWaitlistEntry', (req: CancelWaitlistEntryRequest, ctx) =>
      cancelWaitlistEntry(env, commandCall(ctx, req.requestId), input.entryCancellation(req), {
        fingerprint: mutation(CancelWaitlistEntryRequest, req),
        reply: replies.cancelWaitlistEntryReply,
      }),
    ),
    checkInToken: rpc('CheckInToken', (req: CheckInTokenRequest, ctx) =>
      checkInToken(env, commandCall(ctx, req.requestId), input.tokenAction(req), {
        fingerprint: mutation(CheckInTokenRequest, req),
        reply: replies.checkInTokenReply,
      }),
    ),
    completeToken: rpc('CompleteToken', (req: CompleteTokenRequest, ctx) =>
      completeToken(env, commandCall(ctx, req.requestId), input.tokenAction(req), {
        fingerprint: mutation(CompleteTokenRequest, req),
        reply: replies.completeTokenReply,
      }),
    ),
    markNoShow: rpc('MarkNoShow', (req: MarkNoShowRequest, ctx) =>
      markNoShow(env, commandCall(ctx, req.requestId), input.tokenAction(req), {
        fingerprint: mutation(MarkNoShowRequest, req),
        reply: replies.markNoShowReply,
      }),
    ),
    callNext: rpc('CallNext', (req: CallNextRequest, ctx) =>
      callNext(env, commandCall(ctx, req.requestId), input.roomCall(req), {
        fingerprint: mutation(CallNextRequest, req),
        reply: replies.callNextReply,
      }),
    ),
    recallToken: rpc('RecallToken', (req: RecallTokenRequest, ctx) =>
      recallToken(env, commandCall(ctx, req.requestId), input.tokenAction(req), {
        fingerprint: mutation(RecallTokenRequest, req),
        reply: replies.recallTokenReply,
      }),
    ),
    skipToken: rpc('SkipToken', (req: SkipTokenRequest, ctx) =>
      skipToken(env, commandCall(ctx, req.requestId), input.tokenAction(req), {
        fingerprint: mutation(SkipTokenRequest, req),
        reply: replies.skipTokenReply,
      }),
    ),
    transferToken: rpc('TransferToken', (req: TransferTokenRequest, ctx) =>
      transferToken(env, commandCall(ctx, req.requestId), input.tokenTransfer(req), {
        fingerprint: mutation(TransferTokenRequest, req),
        reply: replies.transferTokenReply,
      }),
    ),
    undoTokenTransition: rpc('UndoTokenTransition', (req: UndoTokenTransitionRequest, ctx) =>
      undoTokenTransition(
        env,
        commandCall(ctx, req.requestId),
        { ...input.tokenAction(req), allowedMoves: movesOf(ctx.caller.role) },
        {
          fingerprint: mutation(UndoTokenTransitionRequest, req),
          reply: replies.undoTokenTransitionReply,
        },
      ),
    ),
    getDoctorDayBoard: rpc('GetDoctorDayBoard', async (req: { doctorId: string; date: string }) => {
      const { doctorId, date } = input.doctorDate(env, req);
      return { board: boardMessage(await doctorDayView(env, doctorId, date), moment()) };
    }),
    listDoctorDays: rpc(
      'ListDoctorDays',
      async (req: {
        doctorId: string;
        startDate: string;
        endDate: string;
        pageSize: number;
        pageToken: string;
      }) => {
        const page = await listDoctorDays(env, input.doctorDayRange(req));
        return { doctorDays: [...page.items], nextPageToken: page.nextPageToken };
      },
    ),
    findPatient: rpc('FindPatient', async (req: { phone: string }, ctx) => {
      const found = await findPatient(env, commandCall(ctx, ''), input.phone(env, req.phone));
      return {
        patient: found.patients[0] && patientMessage(found.patients[0]),
        patients: found.patients.map(patientMessage),
        tokens: found.tokens.map(({ view, token }) =>
          tokenMessage(view, token, roomTiming(view, moment())),
        ),
        waitlistEntries: found.entries.map(({ view, entry }) => entryMessage(view, entry)),
      };
    }),
    watchDoctorDay: serverStream(
      {
        method: 'WatchDoctorDay',
        roles: ROLES.WatchDoctorDay,
        handle: async (req: WatchDoctorDayRequest, ctx, send) => {
          try {
            const { doctorId, date } = input.doctorDate(env, req);
            const watch = { doctorId, date, changesOnly: req.changesOnly };
            await boards.follow(ctx.signal, watch, (bytes) => send(preEncoded(bytes)));
          } catch (error) {
            throw asApiError(error);
          }
        },
      } satisfies ServerStreamSpec<WatchDoctorDayRequest, WatchDoctorDayResponse>,
      deps,
    ),
    listAuditEntries: rpc(
      'ListAuditEntries',
      async (req: Parameters<typeof input.auditFilter>[0]) => {
        const page = await listAuditEntries(env, input.auditFilter(req));
        return {
          auditEntries: page.items.map(auditEntryMessage),
          nextPageToken: page.nextPageToken,
        };
      },
    ),
  };
}
