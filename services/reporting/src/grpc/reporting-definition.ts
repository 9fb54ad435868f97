import type * as grpc from '@grpc/grpc-js';
import {
  ReportingServiceService,
  type ExportTokensRequest,
  type ReportingServiceServer,
} from '@opd/api';

/**
 * ReportingService as this server registers it: the generated definition, except that
 * ExportTokens sends messages it encoded itself (`token-record-encoder.ts`), so grpc-js passes
 * its bytes through instead of encoding objects. The wire is the same `opd.v1` contract.
 */
export const reportingServiceDefinition = {
  ...ReportingServiceService,
  exportTokens: {
    ...ReportingServiceService.exportTokens,
    responseSerialize: (bytes: Buffer): Buffer => bytes,
  },
} satisfies grpc.ServiceDefinition;

/** The handlers for {@link reportingServiceDefinition}. */
export type ReportingServer = Omit<ReportingServiceServer, 'exportTokens'> & {
  exportTokens: grpc.handleServerStreamingCall<ExportTokensRequest, Buffer>;
};
