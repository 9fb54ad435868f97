import { describe, expect, it } from '@jest/globals';
import { Role as ProtoRole } from '@opd/api';
import { ROLES, isRole, toProtoRole } from './roles.js';

describe('roles', () => {
  it('maps every role to its opd.v1.Role value', () => {
    expect(ROLES.map(toProtoRole)).toEqual([
      ProtoRole.ROLE_COUNTER,
      ProtoRole.ROLE_DOCTOR,
      ProtoRole.ROLE_ADMIN,
      ProtoRole.ROLE_INTEGRATION,
      ProtoRole.ROLE_REPORTING,
    ]);
  });

  it('knows the five roles and nothing else, not even system', () => {
    expect(ROLES.every(isRole)).toBe(true);
    expect(isRole('nurse')).toBe(false);
    expect(isRole('system')).toBe(false);
  });
});
