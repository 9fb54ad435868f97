import { createRequire } from 'node:module';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { DescriptorCatalog } from './descriptor-catalog.js';

export { HEALTH_SERVICE } from './descriptor-catalog.js';

/** A reflection request as proto-loader decodes it (keepCase, oneofs). */
interface ReflectionRequest {
  host?: string;
  message_request?: string;
  file_by_filename?: string;
  file_containing_symbol?: string;
  file_containing_extension?: { containing_type: string; extension_number: number };
  all_extension_numbers_of_type?: string;
  list_services?: string;
}

/** The reflection protocol's own protos, as shipped by @grpc/reflection. */
const protoRoot = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@grpc/reflection/package.json')),
  'build/proto',
);

function reflectionService(version: 'v1' | 'v1alpha'): grpc.ServiceDefinition {
  const definition = loadSync(`grpc/reflection/${version}/reflection.proto`, {
    includeDirs: [protoRoot],
    keepCase: true,
    oneofs: true,
  });
  return definition[`grpc.reflection.${version}.ServerReflection`] as grpc.ServiceDefinition;
}

const notFound = (message: string) => ({
  error_response: { error_code: grpc.status.NOT_FOUND, error_message: message },
});

/** The answer to one reflection request, from what this server describes. */
function answer(catalog: DescriptorCatalog, request: ReflectionRequest): object {
  const files = (found: Uint8Array[] | undefined, what: string) =>
    found
      ? { file_descriptor_response: { file_descriptor_proto: found.map((f) => Buffer.from(f)) } }
      : notFound(`${what} is not described by this server`);
  const base = { valid_host: request.host ?? '', original_request: request };
  switch (request.message_request) {
    case 'list_services':
      return {
        ...base,
        list_services_response: { service: catalog.services.map((name) => ({ name })) },
      };
    case 'file_containing_symbol': {
      const symbol = request.file_containing_symbol ?? '';
      return { ...base, ...files(catalog.fileContainingSymbol(symbol), `symbol ${symbol}`) };
    }
    case 'file_by_filename': {
      const name = request.file_by_filename ?? '';
      return { ...base, ...files(catalog.fileByName(name), `file ${name}`) };
    }
    case 'all_extension_numbers_of_type': {
      const type = request.all_extension_numbers_of_type ?? '';
      return catalog.hasMessage(type)
        ? {
            ...base,
            all_extension_numbers_response: { base_type_name: type, extension_number: [] },
          }
        : { ...base, ...notFound(`type ${type} is not described by this server`) };
    }
    case 'file_containing_extension':
      // The contract declares no extensions.
      return { ...base, ...notFound('no extension is described by this server') };
    default:
      return {
        ...base,
        error_response: {
          error_code: grpc.status.INVALID_ARGUMENT,
          error_message: 'empty request',
        },
      };
  }
}

/**
 * Adds server reflection (v1 and v1alpha) to `server`, serving the contract's descriptors as buf
 * compiled them: real file names and dependencies, so any reflection client (grpcurl, Python's
 * grpcio-reflection, Postman) can build every message. It lists only the services this server
 * serves (and health), and describes only their files and what they import.
 */
export async function addReflection(
  server: grpc.Server,
  serviceNames: readonly string[],
): Promise<void> {
  const catalog = await DescriptorCatalog.forServices(serviceNames);
  for (const version of ['v1', 'v1alpha'] as const) {
    server.addService(reflectionService(version), {
      ServerReflectionInfo: (call: grpc.ServerDuplexStream<ReflectionRequest, object>) => {
        call.on('data', (request: ReflectionRequest) => call.write(answer(catalog, request)));
        call.on('end', () => call.end());
        call.on('error', () => undefined);
      },
    });
  }
}
