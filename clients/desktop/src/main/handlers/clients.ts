// The gRPC clients the handlers are given. Handlers never create clients: main and the test
// harness do, so the same handler code runs behind ipcMain and behind a browser test.
import type { AllocationServiceService, PromiseClient, ReportingServiceService } from '@opd/api';

export type AllocationClient = PromiseClient<typeof AllocationServiceService>;
export type ReportingClient = PromiseClient<typeof ReportingServiceService>;

export interface ServiceClients {
  readonly allocation: AllocationClient;
  /** Null when no reporting address is configured: the reports screen says so. */
  readonly reporting: ReportingClient | null;
}
