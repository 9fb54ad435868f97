import { readFile } from 'node:fs/promises';
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import {
  create,
  createFileRegistry,
  fromBinary,
  toBinary,
  type FileRegistry,
} from '@bufbuild/protobuf';
import {
  FileDescriptorProtoSchema,
  FileDescriptorSetSchema,
  type FileDescriptorProto,
} from '@bufbuild/protobuf/wkt';
import { descriptorSetPath } from '@opd/api';

/** The health service's file, built by buf from grpc-health-check's proto (`proto:generate`). */
const HEALTH_SET = new URL('../descriptor/health.binpb', import.meta.url);
/** The name grpc-go and the other gRPC implementations give the health service's file. */
const HEALTH_FILE = 'grpc/health/v1/health.proto';
export const HEALTH_SERVICE = 'grpc.health.v1.Health';
/** What every error's details trailer holds: described on every port, so clients decode them. */
const ERROR_DETAIL_FILES = ['google/rpc/status.proto', 'google/rpc/error_details.proto'];

/** One .proto file as compiled: its name, its dependencies and its descriptor's bytes. */
interface CompiledFile {
  readonly proto: FileDescriptorProto;
  readonly bytes: Uint8Array;
}

/**
 * The descriptors one server describes through reflection: the files of its own services and
 * everything they import, under their real names and with their dependencies, exactly as buf
 * compiled them (packages/api/descriptor/opd.binpb), the google.rpc error details every error
 * carries, and the health service's file.
 */
export class DescriptorCatalog {
  private constructor(
    private readonly registry: FileRegistry,
    private readonly files: ReadonlyMap<string, CompiledFile>,
    /** The services this server lists, sorted. */
    readonly services: readonly string[],
  ) {}

  /** The catalog of a server serving `serviceNames` (fully-qualified) and the health service. */
  static async forServices(serviceNames: readonly string[]): Promise<DescriptorCatalog> {
    const all = await loadAllFiles();
    const registry = createFileRegistry(
      create(FileDescriptorSetSchema, { file: [...all.values()].map((f) => f.proto) }),
    );
    const services = [...new Set([...serviceNames, HEALTH_SERVICE])].sort();
    const files = new Map<string, CompiledFile>();
    for (const name of services) {
      const service = registry.getService(name);
      if (!service) throw new Error(`${name} is not in the descriptor set`);
      for (const file of withDependencies(all, service.file.proto.name)) {
        files.set(file.proto.name, file);
      }
    }
    for (const file of ERROR_DETAIL_FILES.flatMap((name) => withDependencies(all, name))) {
      files.set(file.proto.name, file);
    }
    return new DescriptorCatalog(registry, files, services);
  }

  /** The file that declares `symbol` (a type, service, method or enum), with its imports. */
  fileContainingSymbol(symbol: string): Uint8Array[] | undefined {
    const found = this.registry.get(symbol) ?? this.methodsService(symbol);
    return found ? this.fileByName(found.file.proto.name) : undefined;
  }

  /** The file of this name, then every file it imports (transitively), each once. */
  fileByName(name: string): Uint8Array[] | undefined {
    if (!this.files.has(name)) return undefined;
    return withDependencies(this.files, name).map((file) => file.bytes);
  }

  /** Whether `typeName` is a message this server describes (it declares no extensions). */
  hasMessage(typeName: string): boolean {
    const message = this.registry.getMessage(typeName);
    return message !== undefined && this.files.has(message.file.proto.name);
  }

  private methodsService(symbol: string) {
    const dot = symbol.lastIndexOf('.');
    const service = dot > 0 ? this.registry.getService(symbol.slice(0, dot)) : undefined;
    return service?.methods.some((m) => m.name === symbol.slice(dot + 1)) ? service : undefined;
  }
}

/** `name` first, then its imports depth first, each file once. */
function withDependencies(
  files: ReadonlyMap<string, CompiledFile>,
  name: string,
  seen = new Set<string>(),
): CompiledFile[] {
  const file = files.get(name);
  if (!file || seen.has(name)) return [];
  seen.add(name);
  return [file, ...file.proto.dependency.flatMap((dep) => withDependencies(files, dep, seen))];
}

let loading: Promise<ReadonlyMap<string, CompiledFile>> | undefined;

/** Every compiled file by name; read once per process (tests start many servers). */
function loadAllFiles(): Promise<ReadonlyMap<string, CompiledFile>> {
  loading ??= (async () => {
    const files = new Map<string, CompiledFile>();
    for (const bytes of filesOfSet(await readFile(descriptorSetPath))) {
      const proto = fromBinary(FileDescriptorProtoSchema, bytes);
      files.set(proto.name, { proto, bytes });
    }
    for (const bytes of filesOfSet(await readFile(HEALTH_SET))) {
      // buf names it after its folder in grpc-health-check; everyone else knows it by this name.
      const proto = fromBinary(FileDescriptorProtoSchema, bytes);
      proto.name = HEALTH_FILE;
      files.set(HEALTH_FILE, { proto, bytes: toBinary(FileDescriptorProtoSchema, proto) });
    }
    return files;
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}

/**
 * The encoded FileDescriptorProtos of a FileDescriptorSet, byte for byte as buf wrote them
 * (`repeated FileDescriptorProto file = 1`): reflection sends the compiler's own bytes.
 */
function filesOfSet(set: Uint8Array): Uint8Array[] {
  const reader = new BinaryReader(set);
  const files: Uint8Array[] = [];
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    if (field === 1 && wireType === WireType.LengthDelimited) files.push(reader.bytes());
    else reader.skip(wireType);
  }
  return files;
}
