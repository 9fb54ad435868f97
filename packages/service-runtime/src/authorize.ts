import { ApiError } from './api-error.js';
import type { Caller } from './caller.js';
import type { Role } from './roles.js';

/**
 * Refuses a caller whose role may not call `method`: PERMISSION_DENIED, reason
 * ROLE_NOT_ALLOWED, metadata `role` and `method`.
 */
export function authorize(caller: Caller, method: string, allowedRoles: readonly Role[]): void {
  if (allowedRoles.includes(caller.role)) return;
  throw new ApiError('PERMISSION_DENIED', `role '${caller.role}' may not call ${method}`, {
    reason: 'ROLE_NOT_ALLOWED',
    metadata: { role: caller.role, method },
  });
}
