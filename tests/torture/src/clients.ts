// gRPC clients of the run, one per role. Channels retry connecting quickly (the defaults back
// off to two minutes), so that a restarted service on the same port is found again at once.
import {
  AllocationServiceService,
  ReportingServiceService,
  promiseClient,
  type PromiseClient,
} from '@opd/api';
import { KEYS, type KeyRole } from './services.js';

export type AllocationClient = PromiseClient<typeof AllocationServiceService>;
export type ReportingClient = PromiseClient<typeof ReportingServiceService>;
export type CallerRole = Exclude<KeyRole, 'reporting'>;

const CHANNEL_OPTIONS = {
  'grpc.initial_reconnect_backoff_ms': 100,
  'grpc.min_reconnect_backoff_ms': 100,
  'grpc.max_reconnect_backoff_ms': 1_000,
};

export interface Clients {
  allocation(role: CallerRole): AllocationClient;
  readonly reporting: ReportingClient;
  /**
   * Closes the allocation channels (new ones open on the next call): a graceful stop waits for
   * open connections to go, and clients that keep theirs make it wait for its whole grace period.
   */
  hangUpAllocation(): void;
  close(): void;
}

/**
 * Clients of the services at `allocationAddress` and `reportingAddress`: one instance each, or
 * several (`127.0.0.1:a,127.0.0.1:b`), whose calls the channels spread with round_robin and
 * retry on the next instance when one answers UNAVAILABLE, as every client of the services does.
 */
export function openClients(allocationAddress: string, reportingAddress: string): Clients {
  const allocation = new Map<CallerRole, AllocationClient>();
  const reporting = promiseClient(ReportingServiceService, reportingAddress, {
    apiKey: KEYS.reporting,
    channelOptions: CHANNEL_OPTIONS,
  });
  return {
    allocation(role) {
      let client = allocation.get(role);
      if (!client) {
        client = promiseClient(AllocationServiceService, allocationAddress, {
          apiKey: KEYS[role],
          channelOptions: CHANNEL_OPTIONS,
        });
        allocation.set(role, client);
      }
      return client;
    },
    reporting,
    hangUpAllocation() {
      allocation.forEach((client) => client.close());
      allocation.clear();
    },
    close() {
      allocation.forEach((client) => client.close());
      reporting.close();
    },
  };
}
