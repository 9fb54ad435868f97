// Calls without a key, with a key nobody issued, or with an authorization header that is not a
// bearer key at all: every RPC of both services refuses them as UNAUTHENTICATED before reading
// the request, and nothing is written.
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { refusal } from '@opd/service-runtime/testing';
import fc from 'fast-check';
import {
  AllocationDatabase,
  Database,
  REPORTING_TABLES,
  settled,
} from '../support/database-state.js';
import { addDoctor } from '../support/hospital.js';
import { callRpc, DECLARED_RPCS } from '../support/rpcs.js';
import { KEYS, startStack, type Stack } from '../support/stack.js';

let stack: Stack;
let allocationDb: AllocationDatabase;
let readModel: Database;
let doctorId: string;

beforeAll(async () => {
  stack = await startStack();
  allocationDb = new AllocationDatabase(stack.databaseUrls.allocation);
  readModel = new Database(stack.databaseUrls.reporting);
  doctorId = await addDoctor(stack.client('admin'));
  await settled(allocationDb, readModel);
});
afterAll(async () => {
  await Promise.all([allocationDb.close(), readModel.close()]);
  await stack.stop();
});

const ISSUED = Object.values(KEYS);

/** True when `header` would present one of the issued keys (so it is not bad input). */
const presentsIssuedKey = (header: string) =>
  ISSUED.some((key) => new RegExp(`^\\s*bearer\\s+${key}\\s*$`, 'i').test(header));

/**
 * Authorization headers that are not a valid bearer key: empty, another scheme, a bare
 * "Bearer", a key nobody issued, a real key with something stuck to it, or printable noise.
 */
const badAuthorization: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom(
      '',
      'Bearer',
      'Bearer ',
      'Basic YWRtaW46YWRtaW4=',
      'admin-key',
      'Token admin-key',
    ),
    fc.constantFrom(...ISSUED).map((key) => `Bearer ${key}x`),
    fc.constantFrom(...ISSUED).map((key) => `Bearer ${key.toUpperCase()}`),
    fc.constantFrom(...ISSUED).map((key) => `Bearer ${key} ${key}`),
    fc.stringMatching(/^[!-~]{1,64}$/).map((key) => `Bearer ${key}`),
    fc.stringMatching(/^[ -~]{0,80}$/),
  )
  .filter((header) => !presentsIssuedKey(header));

const withAuthorization = (header: string) => {
  const metadata = new grpc.Metadata();
  if (header !== '') metadata.set('authorization', header);
  return metadata;
};

describe('a call with bad credentials', () => {
  it('is refused as UNAUTHENTICATED by every RPC of both services, and writes nothing', async () => {
    const clients = {
      allocation: stack.allocationAs({ key: undefined }),
      reporting: stack.reportingAs({ key: undefined }),
    };
    const before = await allocationDb.state();
    const readModelBefore = await readModel.tables(REPORTING_TABLES);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...DECLARED_RPCS), badAuthorization, async (rpc, header) => {
        const refused = await refusal(
          callRpc(rpc, clients, { doctorId }, { metadata: withAuthorization(header) }),
        );
        expect(grpc.status[refused.code]).toBe('UNAUTHENTICATED');
        expect(['API_KEY_MISSING', 'API_KEY_INVALID']).toContain(refused.reason);
        // The answer never echoes what was presented.
        if (header.length > 8) expect(refused.message).not.toContain(header.trim());
      }),
      { numRuns: 100 },
    );
    expect(await allocationDb.state()).toEqual(before);
    expect(await allocationDb.auditSince(before)).toEqual([]);
    expect(await readModel.tables(REPORTING_TABLES)).toEqual(readModelBefore);
  });

  it('tells a caller without a key that the key is missing, and one with a wrong key that it is wrong', async () => {
    const anonymous = stack.allocationAs({ key: undefined });
    const stranger = stack.reportingAs({ key: 'reports-key-2' });
    expect(await refusal(anonymous.getDoctor({ doctorId }))).toMatchObject({
      code: grpc.status.UNAUTHENTICATED,
      reason: 'API_KEY_MISSING',
    });
    expect(await refusal(stranger.getProjectionStatus({}))).toMatchObject({
      code: grpc.status.UNAUTHENTICATED,
      reason: 'API_KEY_INVALID',
    });
  });
});
