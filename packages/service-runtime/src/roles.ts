import { Role as ProtoRole } from '@opd/api';

/** The roles an API key can be granted (DESIGN §4). `system` is never granted to a key. */
export const ROLES = ['counter', 'doctor', 'admin', 'integration', 'reporting'] as const;

export type Role = (typeof ROLES)[number];

const PROTO_ROLES: Readonly<Record<Role, ProtoRole>> = {
  counter: ProtoRole.ROLE_COUNTER,
  doctor: ProtoRole.ROLE_DOCTOR,
  admin: ProtoRole.ROLE_ADMIN,
  integration: ProtoRole.ROLE_INTEGRATION,
  reporting: ProtoRole.ROLE_REPORTING,
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The `opd.v1.Role` enum value of a role, e.g. 'counter' → ROLE_COUNTER. */
export function toProtoRole(role: Role): ProtoRole {
  return PROTO_ROLES[role];
}
