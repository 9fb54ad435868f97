// The gRPC clients the handlers are given. Handlers never create clients: main and the test
// harness do, so the same handler code runs behind ipcMain and behind a browser test.
import type { AllocationServiceService, PromiseClient, ReportingServiceService } from '@opd/api';

export type AllocationClient = PromiseClient<typeof AllocationServiceService>;
export type ReportingClient = PromiseClient<typeof ReportingServiceService>;

export interface ServiceClients {
  /** With the desktop's key (role counter, or admin). */
  readonly allocation: AllocationClient;
  /**
   * With the room's key (role doctor) for the room's own moves: call, recall, skip, complete
   * and their undo. The same client as `allocation` when no room key is configured.
   */
  readonly room: AllocationClient;
  /** Null when no reporting address is configured: the reports screen says so. */
  readonly reporting: ReportingClient | null;
}
