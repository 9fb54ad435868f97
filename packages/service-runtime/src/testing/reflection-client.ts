// A grpc.reflection client built from @grpc/reflection's own protos: what grpcurl does,
// for tests (grpcurl cannot be installed here).
import { createRequire } from 'node:module';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';

interface ReflectionRequest {
  list_services?: string;
  file_containing_symbol?: string;
  file_by_filename?: string;
}
interface ReflectionResponse {
  list_services_response?: { service: { name: string }[] };
  file_descriptor_response?: { file_descriptor_proto: Buffer[] };
  error_response?: { error_code: number; error_message: string };
}
type Method = grpc.MethodDefinition<ReflectionRequest, ReflectionResponse>;

const protoRoot = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@grpc/reflection/package.json')),
  'build/proto',
);

function methodOf(version: 'v1' | 'v1alpha'): Method {
  const file = `grpc/reflection/${version}/reflection.proto`;
  const definition = loadSync(file, { includeDirs: [protoRoot], keepCase: true, defaults: true });
  const service = definition[`grpc.reflection.${version}.ServerReflection`] as unknown as Record<
    'ServerReflectionInfo',
    Method
  >;
  return service.ServerReflectionInfo;
}

/** Sends one reflection request on a fresh bidi stream and returns the answer. */
export function reflect(
  address: string,
  request: ReflectionRequest,
  version: 'v1' | 'v1alpha' = 'v1',
): Promise<ReflectionResponse> {
  const method = methodOf(version);
  const client = new grpc.Client(address, grpc.credentials.createInsecure());
  return new Promise<ReflectionResponse>((resolve, reject) => {
    const call = client.makeBidiStreamRequest(
      method.path,
      method.requestSerialize,
      method.responseDeserialize,
    );
    call.on('data', (response: ReflectionResponse) => {
      resolve(response);
      call.end();
    });
    call.on('error', reject);
    call.write(request);
  }).finally(() => client.close());
}

/** The services a server lists through reflection, as `grpcurl <address> list` prints them. */
export async function listServices(address: string): Promise<string[]> {
  const response = await reflect(address, { list_services: '' });
  return (response.list_services_response?.service ?? []).map((s) => s.name).sort();
}
