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
  GetDoctorDayBoard: ['counter', 'doctor', 'integration', 'admin'],
  ListDoctorDays: ['counter', 'doctor', 'integration', 'admin'],
  FindPatient: ['counter', 'integration', 'admin'],
  WatchDoctorDay: ['counter', 'doctor', 'integration', 'admin'],
  ListAuditEntries: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type AllocationMethod = keyof typeof ALLOCATION_ROLES;
