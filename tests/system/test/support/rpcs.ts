// Every RPC of both services, each with a minimal valid-looking request: what a caller of any
// role would send. Used to ask "may this caller call this?" of every method.
import {
  AllocationServiceService,
  Doctor,
  ReportingServiceService,
  Source,
  type CallOptions,
} from '@opd/api';
import { addDays, rid, walkIn } from './hospital.js';
import { TODAY, type AllocationClient, type ReportingClient } from './stack.js';

/** What the requests refer to: a doctor that exists. */
export interface RpcFixture {
  readonly doctorId: string;
}

export type Service = 'allocation' | 'reporting';

export interface Rpc {
  readonly service: Service;
  /** The RPC's name as in the proto, e.g. 'RequestToken'. */
  readonly name: string;
}

interface Clients {
  readonly allocation: AllocationClient;
  readonly reporting: ReportingClient;
}

type Call = (clients: Clients, fixture: RpcFixture, options: CallOptions) => Promise<unknown>;

/** Reads a server stream's first message (or its error), then cancels it. */
export async function firstOf<T>(stream: AsyncIterable<T>): Promise<T | undefined> {
  const iterator = stream[Symbol.asyncIterator]();
  try {
    return (await iterator.next()).value;
  } finally {
    await iterator.return?.();
  }
}

const unknownId = () => crypto.randomUUID();
const range = { startDate: TODAY, endDate: TODAY, doctorId: '', statuses: [], sources: [] };

const ALLOCATION: Readonly<Record<string, Call>> = {
  CreateDoctor: ({ allocation }, _f, o) =>
    allocation.createDoctor(
      {
        room: '',
        requestId: rid(),
        displayName: 'Dr. New',
        department: 'ENT',
        weeklySchedule: undefined,
      },
      o,
    ),
  UpdateDoctor: ({ allocation }, { doctorId }, o) =>
    allocation.updateDoctor(
      {
        requestId: rid(),
        doctor: Doctor.fromPartial({ doctorId, department: 'ENT' }),
        updateMask: ['department'],
      },
      o,
    ),
  GetDoctor: ({ allocation }, { doctorId }, o) => allocation.getDoctor({ doctorId }, o),
  ListDoctors: ({ allocation }, _f, o) =>
    allocation.listDoctors({ department: '', showInactive: false, pageSize: 0, pageToken: '' }, o),
  SetScheduleOverride: ({ allocation }, { doctorId }, o) =>
    allocation.setScheduleOverride(
      {
        requestId: rid(),
        doctorId,
        date: addDays(TODAY, 30),
        dayPlan: { $case: 'leave', value: {} },
        reason: '',
      },
      o,
    ),
  DeleteScheduleOverride: ({ allocation }, { doctorId }, o) =>
    allocation.deleteScheduleOverride({ requestId: rid(), doctorId, date: addDays(TODAY, 60) }, o),
  ListScheduleOverrides: ({ allocation }, { doctorId }, o) =>
    allocation.listScheduleOverrides(
      { doctorId, startDate: '', endDate: '', pageSize: 0, pageToken: '' },
      o,
    ),
  // ONLINE: a source every role that may book may use (ADR 0008).
  RequestToken: ({ allocation }, { doctorId }, o) =>
    allocation.requestToken(walkIn(doctorId, { source: Source.SOURCE_ONLINE }), o),
  GetToken: ({ allocation }, _f, o) => allocation.getToken({ tokenId: unknownId() }, o),
  CancelToken: ({ allocation }, _f, o) =>
    allocation.cancelToken({ requestId: rid(), tokenId: unknownId(), reason: '' }, o),
  CancelWaitlistEntry: ({ allocation }, _f, o) =>
    allocation.cancelWaitlistEntry(
      { requestId: rid(), waitlistEntryId: unknownId(), reason: '' },
      o,
    ),
  CheckInToken: ({ allocation }, _f, o) =>
    allocation.checkInToken({ requestId: rid(), tokenId: unknownId() }, o),
  CompleteToken: ({ allocation }, _f, o) =>
    allocation.completeToken({ requestId: rid(), tokenId: unknownId() }, o),
  MarkNoShow: ({ allocation }, _f, o) =>
    allocation.markNoShow({ requestId: rid(), tokenId: unknownId() }, o),
  CallNext: ({ allocation }, { doctorId }, o) =>
    allocation.callNext({ requestId: rid(), doctorId, date: TODAY }, o),
  RecallToken: ({ allocation }, _f, o) =>
    allocation.recallToken({ requestId: rid(), tokenId: unknownId() }, o),
  SkipToken: ({ allocation }, _f, o) =>
    allocation.skipToken({ requestId: rid(), tokenId: unknownId() }, o),
  TransferToken: ({ allocation }, { doctorId }, o) =>
    allocation.transferToken(
      { requestId: rid(), tokenId: unknownId(), targetDoctorId: doctorId, reason: 'x' },
      o,
    ),
  UndoTokenTransition: ({ allocation }, _f, o) =>
    allocation.undoTokenTransition({ requestId: rid(), tokenId: unknownId() }, o),
  GetDoctorDayBoard: ({ allocation }, { doctorId }, o) =>
    allocation.getDoctorDayBoard({ doctorId, date: TODAY }, o),
  ListDoctorDays: ({ allocation }, _f, o) =>
    allocation.listDoctorDays(
      { doctorId: '', startDate: '', endDate: '', pageSize: 0, pageToken: '' },
      o,
    ),
  FindPatient: ({ allocation }, _f, o) => allocation.findPatient({ phone: '+91 98450 00000' }, o),
  WatchDoctorDay: ({ allocation }, { doctorId }, o) =>
    firstOf(allocation.watchDoctorDay({ doctorId, date: TODAY, changesOnly: false }, o)),
  ListAuditEntries: ({ allocation }, _f, o) =>
    allocation.listAuditEntries(
      {
        tokenId: '',
        doctorId: '',
        patientId: '',
        startDate: '',
        endDate: '',
        pageSize: 0,
        pageToken: '',
      },
      o,
    ),
};

const REPORTING: Readonly<Record<string, Call>> = {
  ListTokens: ({ reporting }, _f, o) =>
    reporting.listTokens({ ...range, pageSize: 0, pageToken: '' }, o),
  ExportTokens: ({ reporting }, _f, o) => firstOf(reporting.exportTokens(range, o)),
  ListDailySummaries: ({ reporting }, _f, o) =>
    reporting.listDailySummaries(
      { startDate: TODAY, endDate: TODAY, doctorId: '', pageSize: 0, pageToken: '' },
      o,
    ),
  GetProjectionStatus: ({ reporting }, _f, o) => reporting.getProjectionStatus({}, o),
};

const CALLS: Readonly<Record<Service, Readonly<Record<string, Call>>>> = {
  allocation: ALLOCATION,
  reporting: REPORTING,
};

/** The RPC names a service definition declares: '/opd.v1.AllocationService/GetToken' → GetToken. */
const declared = (definition: Record<string, { readonly path: string }>) =>
  Object.values(definition).map((method) => method.path.slice(method.path.lastIndexOf('/') + 1));

/** Every RPC the contract declares, by service. */
export const DECLARED_RPCS: readonly Rpc[] = [
  ...declared(AllocationServiceService).map((name) => ({ service: 'allocation' as const, name })),
  ...declared(ReportingServiceService).map((name) => ({ service: 'reporting' as const, name })),
];

/** Calls `rpc` with its minimal request; `options` carries the credentials to present. */
export function callRpc(
  rpc: Rpc,
  clients: Clients,
  fixture: RpcFixture,
  options: CallOptions = {},
): Promise<unknown> {
  const call = CALLS[rpc.service][rpc.name];
  if (!call) throw new Error(`no request is written for ${rpc.service} ${rpc.name}`);
  return call(clients, fixture, options);
}

/** The RPCs this module can call: must be every declared one. */
export const CALLABLE_RPCS: readonly Rpc[] = (Object.keys(CALLS) as Service[]).flatMap((service) =>
  Object.keys(CALLS[service]).map((name) => ({ service, name })),
);
