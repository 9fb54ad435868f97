import * as grpc from '@grpc/grpc-js';
import {
  AllocationServiceService,
  promiseClient,
  ReportingServiceService,
  type PromiseClient,
} from '@opd/api';
import { clientCredentials, ConfigError } from '@opd/service-runtime';
import { CliError, describeServiceError, type Target } from './errors.js';
import type { GlobalOptions } from './global-options.js';

export type AllocationClient = PromiseClient<typeof AllocationServiceService>;
export type ReportingClient = PromiseClient<typeof ReportingServiceService>;

function credentials(options: GlobalOptions): grpc.ChannelCredentials {
  const files = { caFile: options.tlsCa, certFile: options.tlsCert, keyFile: options.tlsKey };
  const anyFile = Object.values(files).some((file) => file !== undefined);
  if (!anyFile) return options.tls ? grpc.credentials.createSsl() : clientCredentials();
  try {
    return clientCredentials(files);
  } catch (error) {
    if (error instanceof ConfigError) {
      // The runtime names its own settings; the operator typed flags.
      const flags = error.problems.map((problem) =>
        problem
          .replace('certFile, keyFile', '--tls-cert and --tls-key')
          .replace(/^caFile/, '--tls-ca')
          .replace(/^certFile/, '--tls-cert')
          .replace(/^keyFile/, '--tls-key'),
      );
      throw new CliError(`TLS settings: ${flags.join('; ')}`, 2);
    }
    throw error;
  }
}

const clientOptions = (options: GlobalOptions) => ({
  credentials: credentials(options),
  ...(options.key ? { apiKey: options.key } : {}),
  defaultTimeoutMs: options.timeout * 1000,
  channelOptions: { 'grpc.primary_user_agent': 'opd-cli/0.1.0' },
});

const isGrpcError = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number';

/**
 * Opens a client, runs `work`, closes the client, and turns a failed call into a
 * {@link CliError} that says which service refused and why.
 */
async function using<C extends { close(): void }, T>(
  client: C,
  target: Target,
  work: (client: C) => Promise<T>,
): Promise<T> {
  try {
    return await work(client);
  } catch (error) {
    if (error instanceof CliError) throw error;
    if (isGrpcError(error)) {
      throw new CliError(describeServiceError(error, target));
    }
    throw error;
  } finally {
    client.close();
  }
}

export function withAllocation<T>(
  options: GlobalOptions,
  work: (client: AllocationClient) => Promise<T>,
): Promise<T> {
  const client = promiseClient(
    AllocationServiceService,
    options.allocation,
    clientOptions(options),
  );
  return using(client, { service: 'allocation', address: options.allocation }, work);
}

export function withReporting<T>(
  options: GlobalOptions,
  work: (client: ReportingClient) => Promise<T>,
): Promise<T> {
  const client = promiseClient(ReportingServiceService, options.reporting, clientOptions(options));
  return using(client, { service: 'reporting', address: options.reporting }, work);
}
