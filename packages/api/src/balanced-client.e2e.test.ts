// Clients given several instances spread their calls over them and carry on when one goes or
// answers UNAVAILABLE: real grpc-js servers on real ports, each answering with its own name.
import { afterEach, describe, expect, it } from '@jest/globals';
import * as grpc from '@grpc/grpc-js';
import { AllocationServiceService, GetDoctorResponse, type GetDoctorRequest } from './index.js';
import { promiseClient } from './promise-client.js';

interface Instance {
  readonly name: string;
  port: number;
  /** Calls it received, answered or refused. */
  calls: number;
  /** When true it answers every call UNAVAILABLE, as an instance whose database is away does. */
  unavailable: boolean;
  readonly server: grpc.Server;
}

const running: Instance[] = [];
const clients: { close(): void }[] = [];

async function instance(name: string): Promise<Instance> {
  const server = new grpc.Server();
  const self: Instance = { name, port: 0, calls: 0, unavailable: false, server };
  server.addService(AllocationServiceService, {
    getDoctor(
      _call: grpc.ServerUnaryCall<GetDoctorRequest, GetDoctorResponse>,
      done: grpc.sendUnaryData<GetDoctorResponse>,
    ) {
      self.calls += 1;
      if (self.unavailable) {
        done({ code: grpc.status.UNAVAILABLE, details: `${name}: the database is unavailable` });
        return;
      }
      done(null, GetDoctorResponse.fromPartial({ doctor: { displayName: name } }));
    },
  } as unknown as grpc.UntypedServiceImplementation);
  self.port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  running.push(self);
  return self;
}

function clientOf(...instances: Instance[]) {
  const client = promiseClient(
    AllocationServiceService,
    instances.map((i) => `127.0.0.1:${i.port}`).join(','),
    { defaultTimeoutMs: 5_000 },
  );
  clients.push(client);
  return client;
}

const ask = async (client: ReturnType<typeof clientOf>) =>
  (await client.getDoctor({ doctorId: '' })).doctor?.displayName;

afterEach(() => {
  clients.splice(0).forEach((c) => c.close());
  running.splice(0).forEach((i) => i.server.forceShutdown());
});

describe('a client given several instances', () => {
  it('spreads its calls over all of them', async () => {
    const [a, b] = [await instance('a'), await instance('b')];
    const client = clientOf(a, b);
    const answers: (string | undefined)[] = [];
    for (let i = 0; i < 20; i++) answers.push(await ask(client));

    expect(new Set(answers)).toEqual(new Set(['a', 'b']));
    expect(a.calls).toBeGreaterThanOrEqual(5);
    expect(b.calls).toBeGreaterThanOrEqual(5);
  });

  it('goes on with the instances left when one stops', async () => {
    const [a, b] = [await instance('a'), await instance('b')];
    const client = clientOf(a, b);
    for (let i = 0; i < 4; i++) await ask(client);
    a.server.forceShutdown();

    const answers: (string | undefined)[] = [];
    for (let i = 0; i < 10; i++) answers.push(await ask(client));

    expect(answers).toEqual(Array.from({ length: 10 }, () => 'b'));
  });

  it('tries the next instance when one answers UNAVAILABLE', async () => {
    const [a, b] = [await instance('a'), await instance('b')];
    a.unavailable = true;
    const client = clientOf(a, b);

    const answers: (string | undefined)[] = [];
    for (let i = 0; i < 10; i++) answers.push(await ask(client));

    expect(answers).toEqual(Array.from({ length: 10 }, () => 'b'));
    // The UNAVAILABLE instance was asked, and its refusals were retried rather than returned.
    expect(a.calls).toBeGreaterThan(0);
  });

  it('gives up with UNAVAILABLE when every instance says so', async () => {
    const [a, b] = [await instance('a'), await instance('b')];
    a.unavailable = true;
    b.unavailable = true;
    const client = clientOf(a, b);

    await expect(ask(client)).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
    // Three attempts in all: the first and two retries.
    expect(a.calls + b.calls).toBe(3);
  });

  it('follows a DNS name to its instance', async () => {
    const a = await instance('a');
    const client = promiseClient(AllocationServiceService, `dns:localhost:${a.port}`, {
      defaultTimeoutMs: 5_000,
    });
    clients.push(client);

    expect(await ask(client)).toBe('a');
  });

  it('refuses an address it cannot read before any call', () => {
    expect(() => promiseClient(AllocationServiceService, 'allocation-1:1,allocation-2:2')).toThrow(
      /service address: .*a list takes IP addresses/,
    );
  });
});
