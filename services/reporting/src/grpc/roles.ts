import type { Role } from '@opd/service-runtime';

/** Who may call what (docs/adr/0008-roles.md): reports are for the reporting role and admins. */
export const REPORTING_ROLES = {
  ListTokens: ['reporting', 'admin'],
  ExportTokens: ['reporting', 'admin'],
  ListDailySummaries: ['reporting', 'admin'],
  GetProjectionStatus: ['reporting', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type ReportingMethod = keyof typeof REPORTING_ROLES;
