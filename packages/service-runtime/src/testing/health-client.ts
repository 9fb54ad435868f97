// A grpc.health.v1 client built from grpc-health-check's own proto, for tests.
import * as grpc from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { protoPath } from 'grpc-health-check';
import { callUnary } from './grpc-calls.js';

type Status = 'UNKNOWN' | 'SERVING' | 'NOT_SERVING' | 'SERVICE_UNKNOWN';
interface HealthRequest {
  service: string;
}
interface HealthResponse {
  status: Status;
}

const definition = loadSync(protoPath, { enums: String, defaults: true });
const service = definition['grpc.health.v1.Health'] as unknown as Record<
  'Check' | 'Watch',
  grpc.MethodDefinition<HealthRequest, HealthResponse>
>;

export class HealthClient {
  readonly #client: grpc.Client;

  constructor(address: string, credentials = grpc.credentials.createInsecure()) {
    this.#client = new grpc.Client(address, credentials);
  }

  async check(serviceName = ''): Promise<Status> {
    const response = await callUnary(this.#client, service.Check, { service: serviceName });
    return response.status;
  }

  /** Streams status changes; returns the call so the test can cancel it. */
  watch(
    serviceName: string,
    onStatus: (status: Status) => void,
  ): grpc.ClientReadableStream<HealthResponse> {
    const call = this.#client.makeServerStreamRequest(
      service.Watch.path,
      service.Watch.requestSerialize,
      service.Watch.responseDeserialize,
      { service: serviceName },
    );
    call.on('data', (response: HealthResponse) => onStatus(response.status));
    call.on('error', () => undefined);
    return call;
  }

  close(): void {
    this.#client.close();
  }
}
