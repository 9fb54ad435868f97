import {
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
} from '@opd/api';
import { serverStream, unary, type RpcContext, type RpcDeps } from '@opd/service-runtime';
import { cancelToken } from '../commands/cancel-token.js';
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
import type { BoardWatcher } from '../watch/board-watcher.js';
import { boardMessage } from './messages.js';
import { ALLOCATION_ROLES as ROLES } from './roles.js';
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

/**
 * AllocationService: each handler validates (naming every bad field), then calls one command or
 * query. Authentication, authorisation, logging and error mapping come from the wrappers.
 */
export function allocationService(
  env: CommandEnv,
  deps: RpcDeps,
  watcher: BoardWatcher,
): AllocationServiceServer {
  const spec = <M extends keyof typeof ROLES>(method: M) => ({ method, roles: ROLES[method] });
  return {
    createDoctor: unary(
      {
        ...spec('CreateDoctor'),
        handle: (req: CreateDoctorRequest, ctx) =>
          createDoctor(
            env,
            commandCall(ctx, req.requestId),
            input.newDoctor(req),
            fingerprint(CreateDoctorRequest, req),
          ),
      },
      deps,
    ),
    updateDoctor: unary(
      {
        ...spec('UpdateDoctor'),
        handle: (req: UpdateDoctorRequest, ctx) => {
          const { doctorId, changes } = input.doctorChanges(req);
          return updateDoctor(
            env,
            commandCall(ctx, req.requestId),
            doctorId,
            changes,
            fingerprint(UpdateDoctorRequest, req),
          );
        },
      },
      deps,
    ),
    getDoctor: unary(
      { ...spec('GetDoctor'), handle: (req) => getDoctor(env, input.doctorId(req.doctorId)) },
      deps,
    ),
    listDoctors: unary(
      { ...spec('ListDoctors'), handle: (req) => listDoctors(env, input.doctorFilter(req)) },
      deps,
    ),
    setScheduleOverride: unary(
      {
        ...spec('SetScheduleOverride'),
        handle: (req: SetScheduleOverrideRequest, ctx) =>
          setScheduleOverride(
            env,
            commandCall(ctx, req.requestId),
            input.override(env, req),
            fingerprint(SetScheduleOverrideRequest, req),
          ),
      },
      deps,
    ),
    deleteScheduleOverride: unary(
      {
        ...spec('DeleteScheduleOverride'),
        handle: (req: DeleteScheduleOverrideRequest, ctx) =>
          deleteScheduleOverride(
            env,
            commandCall(ctx, req.requestId),
            input.overrideRemoval(env, req),
            fingerprint(DeleteScheduleOverrideRequest, req),
          ),
      },
      deps,
    ),
    listScheduleOverrides: unary(
      {
        ...spec('ListScheduleOverrides'),
        handle: (req) => listScheduleOverrides(env, input.overrideRange(req)),
      },
      deps,
    ),
    requestToken: unary(
      {
        ...spec('RequestToken'),
        handle: (req: RequestTokenRequest, ctx) =>
          requestToken(
            env,
            commandCall(ctx, req.requestId),
            input.tokenRequest(env, req),
            fingerprint(RequestTokenRequest, req),
          ),
      },
      deps,
    ),
    getToken: unary(
      { ...spec('GetToken'), handle: (req) => getToken(env, input.tokenId(req.tokenId)) },
      deps,
    ),
    cancelToken: unary(
      {
        ...spec('CancelToken'),
        handle: (req: CancelTokenRequest, ctx) =>
          cancelToken(
            env,
            commandCall(ctx, req.requestId),
            input.tokenCancellation(req),
            fingerprint(CancelTokenRequest, req),
          ),
      },
      deps,
    ),
    cancelWaitlistEntry: unary(
      {
        ...spec('CancelWaitlistEntry'),
        handle: (req: CancelWaitlistEntryRequest, ctx) =>
          cancelWaitlistEntry(
            env,
            commandCall(ctx, req.requestId),
            input.entryCancellation(req),
            fingerprint(CancelWaitlistEntryRequest, req),
          ),
      },
      deps,
    ),
    checkInToken: unary(
      {
        ...spec('CheckInToken'),
        handle: (req: CheckInTokenRequest, ctx) =>
          checkInToken(
            env,
            commandCall(ctx, req.requestId),
            input.tokenAction(req),
            fingerprint(CheckInTokenRequest, req),
          ),
      },
      deps,
    ),
    completeToken: unary(
      {
        ...spec('CompleteToken'),
        handle: (req: CompleteTokenRequest, ctx) =>
          completeToken(
            env,
            commandCall(ctx, req.requestId),
            input.tokenAction(req),
            fingerprint(CompleteTokenRequest, req),
          ),
      },
      deps,
    ),
    markNoShow: unary(
      {
        ...spec('MarkNoShow'),
        handle: (req: MarkNoShowRequest, ctx) =>
          markNoShow(
            env,
            commandCall(ctx, req.requestId),
            input.tokenAction(req),
            fingerprint(MarkNoShowRequest, req),
          ),
      },
      deps,
    ),
    getDoctorDayBoard: unary(
      {
        ...spec('GetDoctorDayBoard'),
        handle: async (req, ctx) => {
          const { doctorId, date } = input.doctorDate(req);
          return {
            board: boardMessage(await doctorDayView(env, commandCall(ctx, ''), doctorId, date)),
          };
        },
      },
      deps,
    ),
    listDoctorDays: unary(
      {
        ...spec('ListDoctorDays'),
        handle: (req) => listDoctorDays(env, input.doctorDayRange(req)),
      },
      deps,
    ),
    findPatient: unary(
      {
        ...spec('FindPatient'),
        handle: (req, ctx) => findPatient(env, commandCall(ctx, ''), input.phone(env, req.phone)),
      },
      deps,
    ),
    watchDoctorDay: serverStream(
      {
        ...spec('WatchDoctorDay'),
        handle: (req, ctx, send) => {
          const { doctorId, date } = input.doctorDate(req);
          return watcher.follow(commandCall(ctx, ''), doctorId, date, send);
        },
      },
      deps,
    ),
    listAuditEntries: unary(
      {
        ...spec('ListAuditEntries'),
        handle: (req) => listAuditEntries(env, input.auditFilter(req)),
      },
      deps,
    ),
  };
}
