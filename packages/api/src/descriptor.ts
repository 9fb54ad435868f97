import { fileURLToPath } from 'node:url';

/**
 * Absolute path of the opd.v1 FileDescriptorSet (with google/protobuf and google/rpc
 * imports included), for the gRPC server reflection service.
 *
 * The file lives in `packages/api/descriptor/`, one level above both `src/` (tests run
 * from sources through the `@opd/source` condition) and `dist/` (after build), so the
 * same relative URL resolves from either.
 */
export const descriptorSetPath: string = fileURLToPath(
  new URL('../descriptor/opd.binpb', import.meta.url),
);
