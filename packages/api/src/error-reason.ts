import { ErrorReason, errorReasonFromJSON, errorReasonToJSON } from './gen/opd/v1/common.js';

/** The `google.rpc.ErrorInfo.domain` of every error this project's services send. */
export const ERROR_DOMAIN = 'opd.v1';

const PREFIX = 'ERROR_REASON_';

/**
 * The wire form of a reason, as sent in `ErrorInfo.reason`: the enum value's name without
 * its `ERROR_REASON_` prefix.
 *
 * @example errorReasonName(ErrorReason.ERROR_REASON_PATIENT_ALREADY_HOLDS_TOKEN)
 *   // 'PATIENT_ALREADY_HOLDS_TOKEN'
 */
export function errorReasonName(reason: ErrorReason): string {
  const name = errorReasonToJSON(reason);
  return name.startsWith(PREFIX) ? name.slice(PREFIX.length) : name;
}

/**
 * The enum value for a reason received in `ErrorInfo.reason`;
 * `ERROR_REASON_UNSPECIFIED` for a reason this version of the contract does not know
 * (clients then fall back to the gRPC status code).
 *
 * @example parseErrorReason('GRACE_PERIOD_NOT_OVER')
 *   // ErrorReason.ERROR_REASON_GRACE_PERIOD_NOT_OVER
 */
export function parseErrorReason(wireReason: string): ErrorReason {
  const reason = errorReasonFromJSON(PREFIX + wireReason);
  return reason === ErrorReason.UNRECOGNIZED ? ErrorReason.ERROR_REASON_UNSPECIFIED : reason;
}
