// The load balancer of docker-compose.cluster.yml, run: Debian's haproxy with
// deploy/haproxy/haproxy.cfg (its instance addresses pointed at this machine) in front of two
// gRPC instances. One client connection to it has its calls spread over both, and an instance
// whose /healthz says 503 is taken out of the rotation.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as grpc from '@grpc/grpc-js';
import {
  AllocationServiceService,
  GetDoctorResponse,
  promiseClient,
  type GetDoctorRequest,
  type PromiseClient,
} from '@opd/api';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const HAPROXY = ['/usr/sbin/haproxy', '/usr/local/sbin/haproxy'].find((p) => existsSync(p));

interface Instance {
  readonly name: string;
  readonly server: grpc.Server;
  readonly health: http.Server;
  port: number;
  metricsPort: number;
  healthy: boolean;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** An allocation instance that answers GetDoctor with its own name, and its /healthz. */
async function instance(name: string): Promise<Instance> {
  const server = new grpc.Server();
  const health = http.createServer((request, response) => {
    response.writeHead(request.url === '/healthz' && self.healthy ? 200 : 503).end();
  });
  const self: Instance = { name, server, health, port: 0, metricsPort: 0, healthy: true };
  server.addService(AllocationServiceService, {
    getDoctor(
      _call: grpc.ServerUnaryCall<GetDoctorRequest, GetDoctorResponse>,
      done: grpc.sendUnaryData<GetDoctorResponse>,
    ) {
      done(null, GetDoctorResponse.fromPartial({ doctor: { displayName: name } }));
    },
  } as unknown as grpc.UntypedServiceImplementation);
  self.port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) =>
      error ? reject(error) : resolve(port),
    ),
  );
  await new Promise<void>((resolve) => health.listen(0, '127.0.0.1', resolve));
  self.metricsPort = (health.address() as net.AddressInfo).port;
  return self;
}

let dir: string;
let balancer: ChildProcess | undefined;
let a: Instance;
let b: Instance;
let client: PromiseClient<typeof AllocationServiceService>;

/** deploy/haproxy/haproxy.cfg with this machine's ports for its listeners and instances. */
async function localConfig(ports: { lb: number; reporting: number; stats: number }) {
  const nobody = await freePort();
  return (await readFile(path.join(ROOT, 'deploy/haproxy/haproxy.cfg'), 'utf8'))
    .replace('bind :50051', `bind 127.0.0.1:${ports.lb}`)
    .replace('bind :50052', `bind 127.0.0.1:${ports.reporting}`)
    .replace('bind :8404', `bind 127.0.0.1:${ports.stats}`)
    .replace('allocation-1:50051 proto h2', `127.0.0.1:${a.port} port ${a.metricsPort} proto h2`)
    .replace('allocation-2:50051 proto h2', `127.0.0.1:${b.port} port ${b.metricsPort} proto h2`)
    .replaceAll(/reporting-[12]:50052/g, `127.0.0.1:${nobody}`);
}

const ask = async () => (await client.getDoctor({ doctorId: '' })).doctor?.displayName;

async function answers(n: number): Promise<string[]> {
  const names: string[] = [];
  for (let i = 0; i < n; i++) names.push((await ask()) ?? '');
  return names;
}

async function until(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`not so within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  if (HAPROXY === undefined)
    throw new Error('haproxy is not installed: run `bash tools/ensure-compose.sh`');
  a = await instance('a');
  b = await instance('b');
  dir = await mkdtemp(path.join(os.tmpdir(), 'opd-haproxy-'));
  const ports = { lb: await freePort(), reporting: await freePort(), stats: await freePort() };
  const config = path.join(dir, 'haproxy.cfg');
  await writeFile(config, await localConfig(ports));
  balancer = spawn(HAPROXY, ['-db', '-f', config], { stdio: 'ignore' });
  client = promiseClient(AllocationServiceService, `127.0.0.1:${ports.lb}`, {
    defaultTimeoutMs: 3_000,
  });
  // Both instances in the rotation: their health checks passed.
  await until(async () => new Set(await answers(6)).size === 2);
}, 60_000);

afterAll(async () => {
  client?.close();
  balancer?.kill('SIGKILL');
  for (const i of [a, b]) {
    i?.server.forceShutdown();
    i?.health.close();
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the gRPC load balancer', () => {
  it('spreads the calls of one client connection over both instances', async () => {
    const names = await answers(20);
    expect(names.filter((n) => n === 'a').length).toBeGreaterThanOrEqual(5);
    expect(names.filter((n) => n === 'b').length).toBeGreaterThanOrEqual(5);
  });

  it('stops sending calls to an instance whose health check fails', async () => {
    a.healthy = false;
    // Two failed checks two seconds apart take it out.
    await until(async () => (await answers(6)).every((n) => n === 'b'));
    a.server.forceShutdown();

    expect(await answers(10)).toEqual(Array.from({ length: 10 }, () => 'b'));
  }, 30_000);
});
