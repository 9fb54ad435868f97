import { serverStream, unary, type RpcDeps } from '@opd/service-runtime';
import { listDailySummaries } from '../queries/daily-summaries.js';
import { exportTokens } from '../queries/export-tokens.js';
import { listTokens } from '../queries/list-tokens.js';
import { projectionStatus } from '../queries/projection-status.js';
import type { ReportingEnv } from '../reporting-env.js';
import type { ReportingServer } from './reporting-definition.js';
import * as input from './requests.js';
import { TokenRecordWriter } from './token-record-encoder.js';
import { REPORTING_ROLES as ROLES } from './roles.js';

/**
 * ReportingService: each handler validates (naming every bad field), then calls one query.
 * Authentication, authorisation, logging and error mapping come from the wrappers.
 */
export function reportingService(env: ReportingEnv, deps: RpcDeps): ReportingServer {
  const spec = <M extends keyof typeof ROLES>(method: M) => ({ method, roles: ROLES[method] });
  return {
    listTokens: unary(
      {
        ...spec('ListTokens'),
        handle: (req) => {
          const { filter, page } = input.listTokensInput(req);
          return listTokens(env, filter, page);
        },
      },
      deps,
    ),
    exportTokens: serverStream(
      {
        ...spec('ExportTokens'),
        handle: (req, ctx, send: (message: Buffer) => Promise<void>) => {
          const filter = input.exportTokensInput(req);
          const request = { filter, keyName: ctx.caller.keyName };
          return exportTokens(env, request, ctx.signal, new TokenRecordWriter(), send);
        },
      },
      deps,
    ),
    listDailySummaries: unary(
      {
        ...spec('ListDailySummaries'),
        handle: (req) => {
          const { filter, page } = input.summariesInput(req);
          return listDailySummaries(env, filter, page);
        },
      },
      deps,
    ),
    getProjectionStatus: unary(
      { ...spec('GetProjectionStatus'), handle: () => projectionStatus(env) },
      deps,
    ),
  };
}
