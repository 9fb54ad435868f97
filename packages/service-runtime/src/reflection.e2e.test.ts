import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ReportingServiceService } from '@opd/api';
import { reflect } from './testing/reflection-client.js';
import { type TestServer, startTestServer } from './testing/test-server.js';

let running: TestServer;
beforeAll(async () => {
  running = await startTestServer(
    {},
    {
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
afterAll(() => running.close());

describe('server reflection', () => {
  it('lists the opd.v1 services it serves and the health service (v1)', async () => {
    const response = await reflect(running.address, { list_services: '' });

    const names = response.list_services_response?.service.map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'opd.v1.AllocationService',
        'opd.v1.ReportingService',
        'grpc.health.v1.Health',
      ]),
    );
  });

  it('answers the older v1alpha protocol too', async () => {
    const response = await reflect(running.address, { list_services: '' }, 'v1alpha');

    const names = response.list_services_response?.service.map((s) => s.name);
    expect(names).toContain('opd.v1.AllocationService');
  });

  it('describes a service with its file and the files it imports', async () => {
    const response = await reflect(running.address, {
      file_containing_symbol: 'opd.v1.AllocationService',
    });

    const files = response.file_descriptor_response?.file_descriptor_proto ?? [];
    const text = Buffer.concat(files).toString('latin1');
    expect(files.length).toBeGreaterThan(1);
    // proto-loader regroups files by package, so check for content rather than file names.
    expect(text).toContain('AllocationService');
    expect(text).toContain('RequestToken');
    expect(text).toContain('google.protobuf');
  });
});

describe('server reflection on a server with one service', () => {
  it('does not list services the server does not serve', async () => {
    const alone = await startTestServer({});
    try {
      const response = await reflect(alone.address, { list_services: '' });

      const names = response.list_services_response?.service.map((s) => s.name);
      expect(names).toContain('opd.v1.AllocationService');
      expect(names).not.toContain('opd.v1.ReportingService');
    } finally {
      await alone.close();
    }
  });
});
