import type { TokenMove } from '@opd/engine';
import type { Role } from '@opd/service-runtime';

/**
 * Who may call what (docs/adr/0008-roles.md). Counters run the day, doctors move their own
 * patients through consultation, integrations book and cancel on behalf of portals and kiosks,
 * admins manage doctors and schedules, reporting reads only the reporting service.
 */
export const ALLOCATION_ROLES = {
  CreateDoctor: ['admin'],
  UpdateDoctor: ['admin'],
  GetDoctor: ['counter', 'doctor', 'admin', 'integration', 'reporting'],
  ListDoctors: ['counter', 'doctor', 'admin', 'integration', 'reporting'],
  SetScheduleOverride: ['admin'],
  DeleteScheduleOverride: ['admin'],
  ListScheduleOverrides: ['counter', 'doctor', 'admin', 'integration', 'reporting'],
  RequestToken: ['counter', 'integration', 'admin'],
  GetToken: ['counter', 'doctor', 'integration', 'admin'],
  CancelToken: ['counter', 'integration', 'admin'],
  CancelWaitlistEntry: ['counter', 'integration', 'admin'],
  CheckInToken: ['counter', 'doctor', 'admin'],
  CompleteToken: ['counter', 'doctor', 'admin'],
  MarkNoShow: ['counter', 'doctor', 'admin'],
  CallNext: ['doctor', 'admin'],
  RecallToken: ['doctor', 'admin'],
  SkipToken: ['doctor', 'admin'],
  TransferToken: ['counter', 'admin'],
  // Which moves a role may take back is decided per move (MOVE_METHODS): the role that may make it.
  UndoTokenTransition: ['counter', 'doctor', 'admin'],
  GetDoctorDayBoard: ['counter', 'doctor', 'integration', 'admin'],
  ListDoctorDays: ['counter', 'doctor', 'integration', 'admin'],
  FindPatient: ['counter', 'integration', 'admin'],
  WatchDoctorDay: ['counter', 'doctor', 'integration', 'admin'],
  ListAuditEntries: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type AllocationMethod = keyof typeof ALLOCATION_ROLES;

/** The RPC that makes each undoable move: its roles are the roles that may undo the move. */
export const MOVE_METHODS: Readonly<Record<TokenMove, AllocationMethod>> = {
  CHECK_IN: 'CheckInToken',
  CALL: 'CallNext',
  SKIP: 'SkipToken',
  COMPLETE: 'CompleteToken',
  CANCEL: 'CancelToken',
  NO_SHOW: 'MarkNoShow',
};

/** The moves a role may make, and so undo. */
export function movesOf(role: Role): ReadonlySet<TokenMove> {
  return new Set(
    (Object.keys(MOVE_METHODS) as TokenMove[]).filter((move) =>
      (ALLOCATION_ROLES[MOVE_METHODS[move]] as readonly Role[]).includes(role),
    ),
  );
}
