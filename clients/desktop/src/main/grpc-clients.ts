// The gRPC clients of both services, built from the checked configuration. Channels reconnect
// on their own (with back-off) and keep the connection alive with HTTP/2 pings; every unary
// call gets the configured deadline.
import { AllocationServiceService, ReportingServiceService, promiseClient } from '@opd/api';
import { clientCredentials } from '@opd/service-runtime';
import type { DesktopConfig } from './config.js';
import type { ServiceClients } from './handlers/clients.js';

const CHANNEL_OPTIONS = {
  'grpc.primary_user_agent': 'opd-desktop/0.1.0',
  'grpc.keepalive_time_ms': 30_000,
  'grpc.keepalive_timeout_ms': 10_000,
  'grpc.keepalive_permit_without_calls': 1,
  'grpc.initial_reconnect_backoff_ms': 500,
  'grpc.max_reconnect_backoff_ms': 5_000,
};

export function createServiceClients(config: DesktopConfig): ServiceClients {
  const credentials = () => clientCredentials(config.tls ?? {});
  const allocationWith = (apiKey: string) =>
    promiseClient(AllocationServiceService, config.allocationAddress, {
      apiKey,
      credentials: credentials(),
      defaultTimeoutMs: config.callTimeoutMs,
      channelOptions: CHANNEL_OPTIONS,
    });
  const allocation = allocationWith(config.apiKey);
  // The room's moves are made with the doctor's key when this desktop has one.
  const room =
    config.roomApiKey && config.roomApiKey !== config.apiKey
      ? allocationWith(config.roomApiKey)
      : allocation;
  const reporting =
    config.reportingAddress === null
      ? null
      : promiseClient(ReportingServiceService, config.reportingAddress, {
          apiKey: config.reportingApiKey,
          credentials: credentials(),
          defaultTimeoutMs: config.callTimeoutMs,
          channelOptions: CHANNEL_OPTIONS,
        });
  return { allocation, room, reporting };
}

export function closeServiceClients(clients: ServiceClients): void {
  clients.allocation.close();
  if (clients.room !== clients.allocation) clients.room.close();
  clients.reporting?.close();
}
