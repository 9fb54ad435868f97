import { readFile } from 'node:fs/promises';
import type * as grpc from '@grpc/grpc-js';
import {
  type PackageDefinition,
  loadFileDescriptorSetFromBuffer,
  loadSync,
} from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { descriptorSetPath } from '@opd/api';
import { protoPath as healthProtoPath } from 'grpc-health-check';

export const HEALTH_SERVICE = 'grpc.health.v1.Health';

// Decoding the descriptor set and indexing it takes ~100 ms; do it once per process and
// per set of service names (tests start many servers).
let definitions: Promise<PackageDefinition> | undefined;
const reflections = new Map<string, Promise<ReflectionService>>();

async function loadDefinitions(): Promise<PackageDefinition> {
  const contract = loadFileDescriptorSetFromBuffer(await readFile(descriptorSetPath));
  return { ...contract, ...loadSync(healthProtoPath) };
}

function reflectionFor(serviceNames: readonly string[]): Promise<ReflectionService> {
  const services = [...new Set([...serviceNames, HEALTH_SERVICE])].sort();
  const key = services.join(',');
  let reflection = reflections.get(key);
  if (reflection === undefined) {
    if (definitions === undefined) {
      definitions = loadDefinitions();
      definitions.catch(() => (definitions = undefined));
    }
    reflection = definitions.then((all) => new ReflectionService(all, { services }));
    reflection.catch(() => reflections.delete(key));
    reflections.set(key, reflection);
  }
  return reflection;
}

/**
 * Adds server reflection (v1 and v1alpha) to `server`, describing the opd.v1 services it
 * serves (from the contract's descriptor set) and the health service, so `grpcurl list`
 * shows what this server answers and nothing else.
 */
export async function addReflection(
  server: grpc.Server,
  serviceNames: readonly string[],
): Promise<void> {
  (await reflectionFor(serviceNames)).addToServer(server);
}
