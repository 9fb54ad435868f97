// A real gRPC server for the e2e tests: the contract's AllocationService with just
// GetToken and WatchDoctorDay implemented by the test, behind the runtime's wrappers.
import * as grpc from '@grpc/grpc-js';
import {
  AllocationServiceClient,
  AllocationServiceService,
  type GetTokenRequest,
  type GetTokenResponse,
  type WatchDoctorDayRequest,
  type WatchDoctorDayResponse,
} from '@opd/api';
import type { Registry } from 'prom-client';
import { ApiKeyStore, hashApiKey } from '../api-keys.js';
import { CallLimits } from '../call-limits.js';
import type { RpcContext } from '../call-scope.js';
import { RpcMetrics, createMetricsRegistry } from '../metrics.js';
import { serverStream, unary } from '../rpc.js';
import {
  type GrpcServerOptions,
  type GrpcService,
  type RunningServer,
  startGrpcServer,
} from '../server.js';
import { type CapturedLog, captureLog } from './log-capture.js';

export const KEYS = { counter: 'counter-test-key', reporting: 'reporting-test-key' } as const;

export const keyStore = new ApiKeyStore([
  { name: 'counter-1', role: 'counter', hash: hashApiKey(KEYS.counter) },
  { name: 'reports-1', role: 'reporting', hash: hashApiKey(KEYS.reporting) },
]);

export interface TestHandlers {
  getToken?: (request: GetTokenRequest, ctx: RpcContext) => Promise<GetTokenResponse>;
  watchDoctorDay?: (
    request: WatchDoctorDayRequest,
    ctx: RpcContext,
    send: (message: WatchDoctorDayResponse) => Promise<void>,
  ) => Promise<void>;
}

export interface TestServerOptions extends Partial<Omit<GrpcServerOptions, 'services' | 'log'>> {
  /** Extra services to serve next to the AllocationService. */
  extraServices?: GrpcService[];
  /** Serve only the extra services, without the AllocationService (a reporting-like port). */
  onlyExtraServices?: boolean;
  clientCredentials?: grpc.ChannelCredentials;
}

export interface TestServer {
  server: RunningServer;
  address: string;
  client: AllocationServiceClient;
  logs: CapturedLog;
  registry: Registry;
  /** Closes the client and force-stops the server. */
  close(): Promise<void>;
}

const STAFF = ['counter', 'doctor', 'integration', 'admin'] as const;

export async function startTestServer(
  handlers: TestHandlers,
  options: TestServerOptions = {},
): Promise<TestServer> {
  const logs = captureLog();
  const registry = createMetricsRegistry();
  const limits = options.limits ?? new CallLimits();
  const deps = { keys: keyStore, log: logs.log, metrics: new RpcMetrics(registry), limits };
  const implementation: grpc.UntypedServiceImplementation = {};
  if (handlers.getToken) {
    implementation['getToken'] = unary(
      { method: 'GetToken', roles: STAFF, handle: handlers.getToken },
      deps,
    );
  }
  if (handlers.watchDoctorDay) {
    implementation['watchDoctorDay'] = serverStream(
      { method: 'WatchDoctorDay', roles: STAFF, handle: handlers.watchDoctorDay },
      deps,
    );
  }
  const { extraServices = [], onlyExtraServices, clientCredentials, ...serverOptions } = options;
  const allocationService: GrpcService = {
    definition: AllocationServiceService,
    implementation,
    name: 'opd.v1.AllocationService',
  };
  const server = await startGrpcServer({
    host: '127.0.0.1',
    port: 0,
    ...serverOptions,
    limits,
    services: onlyExtraServices ? extraServices : [allocationService, ...extraServices],
    log: logs.log,
  });
  const address = `127.0.0.1:${server.port}`;
  const client = new AllocationServiceClient(
    address,
    clientCredentials ?? grpc.credentials.createInsecure(),
  );
  return {
    server,
    address,
    client,
    logs,
    registry,
    close: async () => {
      client.close();
      await server.shutdown(0);
    },
  };
}

/** GetToken as a promise. */
export function getToken(
  client: AllocationServiceClient,
  request: GetTokenRequest,
  metadata: grpc.Metadata = new grpc.Metadata(),
  options: Partial<grpc.CallOptions> = {},
): Promise<GetTokenResponse> {
  return new Promise((resolve, reject) => {
    client.getToken(request, metadata, options, (error, response) =>
      error ? reject(error) : resolve(response),
    );
  });
}
