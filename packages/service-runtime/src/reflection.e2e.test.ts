// Server reflection as an integrator not using grpc-js meets it: the files a reflection client
// receives must build, under their real names and with their dependencies, in a strict
// descriptor builder (@bufbuild/protobuf's createFileRegistry refuses any unresolved name).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { create, createFileRegistry, fromBinary, type FileRegistry } from '@bufbuild/protobuf';
import {
  FileDescriptorProtoSchema,
  FileDescriptorSetSchema,
  type FileDescriptorProto,
} from '@bufbuild/protobuf/wkt';
import { ReportingServiceService } from '@opd/api';
import { listServices, reflect } from './testing/reflection-client.js';
import { type TestServer, startTestServer } from './testing/test-server.js';

let allocation: TestServer;
let reporting: TestServer;
beforeAll(async () => {
  allocation = await startTestServer({});
  reporting = await startTestServer(
    {},
    {
      onlyExtraServices: true,
      extraServices: [
        {
          definition: ReportingServiceService,
          implementation: {},
          name: 'opd.v1.ReportingService',
        },
      ],
    },
  );
});
afterAll(async () => {
  await allocation.close();
  await reporting.close();
});

async function filesFor(address: string, symbol: string): Promise<FileDescriptorProto[]> {
  const response = await reflect(address, { file_containing_symbol: symbol });
  const files = response.file_descriptor_response?.file_descriptor_proto ?? [];
  return files.map((bytes) => fromBinary(FileDescriptorProtoSchema, bytes));
}

/** Files ordered imports first, as a strict builder takes them; a missing import throws. */
function importsFirst(files: readonly FileDescriptorProto[]): FileDescriptorProto[] {
  const byName = new Map(files.map((f) => [f.name, f]));
  const ordered: FileDescriptorProto[] = [];
  const visit = (name: string, importer: string) => {
    const file = byName.get(name);
    if (!file) throw new Error(`${importer} imports ${name}, which reflection did not send`);
    if (ordered.includes(file)) return;
    file.dependency.forEach((dep) => visit(dep, name));
    ordered.push(file);
  };
  files.forEach((file) => visit(file.name, file.name));
  return ordered;
}

/** Every listed service's files as a reflection client gets them, built into one registry. */
async function registryOf(address: string): Promise<FileRegistry> {
  const files = new Map<string, FileDescriptorProto>();
  for (const service of await listServices(address)) {
    for (const file of await filesFor(address, service)) files.set(file.name, file);
  }
  const set = create(FileDescriptorSetSchema, { file: importsFirst([...files.values()]) });
  return createFileRegistry(set);
}

describe('server reflection', () => {
  it('lists only the service of its own port, and health', async () => {
    expect(await listServices(allocation.address)).toEqual([
      'grpc.health.v1.Health',
      'opd.v1.AllocationService',
    ]);
    expect(await listServices(reporting.address)).toEqual([
      'grpc.health.v1.Health',
      'opd.v1.ReportingService',
    ]);
  });

  it('answers the older v1alpha protocol too', async () => {
    const response = await reflect(allocation.address, { list_services: '' }, 'v1alpha');
    expect(response.list_services_response?.service.map((s) => s.name)).toContain(
      'opd.v1.AllocationService',
    );
  });

  it('describes a service with its real file first, then every file it imports', async () => {
    const files = await filesFor(allocation.address, 'opd.v1.AllocationService');
    expect(files[0]?.name).toBe('opd/v1/allocation_service.proto');
    expect(files[0]?.dependency).toContain('google/protobuf/field_mask.proto');
    const names = files.map((f) => f.name);
    for (const file of files) for (const dep of file.dependency) expect(names).toContain(dep);
    expect(names).toContain('google/protobuf/timestamp.proto');
  });

  it('gives files that build in a strict registry, with every method and message resolved', async () => {
    for (const [address, service] of [
      [allocation.address, 'opd.v1.AllocationService'],
      [reporting.address, 'opd.v1.ReportingService'],
    ] as const) {
      const registry = await registryOf(address);
      const described = registry.getService(service);
      expect(described?.methods.length).toBeGreaterThan(3);
      for (const method of described?.methods ?? []) {
        expect(registry.getMessage(method.input.typeName)).toBeDefined();
        expect(registry.getMessage(method.output.typeName)).toBeDefined();
      }
      expect(registry.getService('grpc.health.v1.Health')?.methods.map((m) => m.name)).toContain(
        'Check',
      );
    }
  });

  it('finds files by their real names, methods by full name, and the error details', async () => {
    const byName = await reflect(allocation.address, {
      file_by_filename: 'opd/v1/allocation_service.proto',
    });
    expect(byName.file_descriptor_response?.file_descriptor_proto.length).toBeGreaterThan(1);
    const method = await filesFor(allocation.address, 'opd.v1.AllocationService.RequestToken');
    expect(method[0]?.name).toBe('opd/v1/allocation_service.proto');

    const [details] = await filesFor(allocation.address, 'google.rpc.ErrorInfo');
    const errorInfo = details?.messageType.find((m) => m.name === 'ErrorInfo');
    expect(errorInfo?.options?.mapEntry ?? false).toBe(false);
    expect(errorInfo?.nestedType.map((n) => n.name)).toEqual(['MetadataEntry']);
  });

  it("does not describe the other port's service", async () => {
    const response = await reflect(allocation.address, {
      file_containing_symbol: 'opd.v1.ReportingService',
    });
    expect(response.error_response?.error_code).toBe(5); // NOT_FOUND
    const file = await reflect(allocation.address, {
      file_by_filename: 'opd/v1/reporting_service.proto',
    });
    expect(file.error_response?.error_code).toBe(5);
  });
});
