// Reflection as a Python integrator uses it: Debian's python3-grpcio and python3-protobuf build
// every listed service from the reflected files in a DescriptorPool, which refuses any name it
// cannot resolve (grpcio's reflection client failed exactly there before). CI installs them with
// tools/ensure-python-grpc.sh.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type TestServer, startTestServer } from './testing/test-server.js';

const PYTHON = process.env['OPD_PYTHON'] ?? '/usr/bin/python3';
const CLIENT = path.resolve(import.meta.dirname, '../test/python_reflection_client.py');

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({});
});
afterAll(() => server.close());

describe("Python's grpcio reading server reflection", () => {
  it('builds every method of the service, and of health, from the reflected files', async () => {
    let output: string;
    try {
      ({ stdout: output } = await promisify(execFile)(PYTHON, [CLIENT, server.address]));
    } catch (error) {
      const { stderr = '' } = error as { stderr?: string };
      throw new Error(`${stderr}\n(python3-grpcio missing? run: bash tools/ensure-python-grpc.sh)`);
    }
    const lines = output.trim().split('\n');
    expect(lines).toContain(
      'opd.v1.AllocationService.RequestToken opd.v1.RequestTokenRequest -> opd.v1.RequestTokenResponse',
    );
    expect(lines).toContain(
      'grpc.health.v1.Health.Check grpc.health.v1.HealthCheckRequest -> grpc.health.v1.HealthCheckResponse',
    );
    expect(lines.filter((l) => l.startsWith('opd.v1.AllocationService.')).length).toBeGreaterThan(
      10,
    );
  });
});
