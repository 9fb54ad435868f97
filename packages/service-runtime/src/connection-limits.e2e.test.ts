// The gRPC port's connection limits, with raw TCP and HTTP/2 clients: idle connections are
// closed, connections beyond the caps are refused, and /healthz says when the server is full.
import { once } from 'node:events';
import http2 from 'node:http2';
import net from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { CallLimits } from './call-limits.js';
import { DEFAULT_LIMITS, type ServerLimits } from './limits.js';
import { type RunningMetricsServer, startMetricsServer } from './metrics-server.js';
import { type TestServer, startTestServer } from './testing/test-server.js';

let running: TestServer | undefined;
let metrics: RunningMetricsServer | undefined;
const sockets: net.Socket[] = [];
afterEach(async () => {
  sockets.splice(0).forEach((socket) => socket.destroy());
  await metrics?.close();
  await running?.close();
  running = metrics = undefined;
});

async function start(limits: Partial<ServerLimits>): Promise<TestServer> {
  running = await startTestServer({}, { limits: new CallLimits({ ...DEFAULT_LIMITS, ...limits }) });
  return running;
}

/** A TCP connection that never says anything: what an attacker holding descriptors opens. */
async function connect(server: TestServer): Promise<net.Socket> {
  const socket = net.connect(server.server.port, '127.0.0.1');
  socket.on('error', () => undefined);
  sockets.push(socket);
  await once(socket, 'connect');
  return socket;
}

/** Waits until the server holds `count` connections (it accepts and closes after the client). */
async function holding(server: TestServer, count: number): Promise<void> {
  while ((await server.server.load()).connections.open !== count) {
    await new Promise(setImmediate);
  }
}

describe('connections to the gRPC port', () => {
  it('are closed after the idle time when they make no call', async () => {
    const server = await start({ connectionIdleMs: 200 });
    const session = http2.connect(`http://127.0.0.1:${server.server.port}`);
    session.on('error', () => undefined);

    // The server says goodbye (GOAWAY) and the connection goes away without any call made.
    await once(session, 'close');
    await holding(server, 0);
  });

  it('beyond the cap per client address are refused at once', async () => {
    const server = await start({ maxConnectionsPerAddress: 2 });
    await connect(server);
    await connect(server);
    await holding(server, 2);

    const third = await connect(server);
    await once(third, 'close');

    const { connections } = await server.server.load();
    expect(connections).toMatchObject({ open: 2, refused: 1 });
  });

  it('beyond the total cap are refused, and /healthz reports the saturation as unhealthy', async () => {
    const server = await start({ maxConnections: 3 });
    metrics = await startMetricsServer({
      host: '127.0.0.1',
      port: 0,
      registry: server.registry,
      health: async () => ({ ok: true, details: { database: 'up' } }),
      load: () => server.server.load(),
    });
    for (let n = 0; n < 3; n++) await connect(server);
    await holding(server, 3);

    const fourth = await connect(server);
    await once(fourth, 'close');

    const response = await fetch(`http://127.0.0.1:${metrics.port}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      ok: false,
      details: {
        database: 'up',
        connections: '3/3 (saturated: new clients are refused)',
        connectionsRefused: '1',
        streams: '0',
      },
    });

    sockets.forEach((socket) => socket.destroy());
    await holding(server, 0);
    expect((await fetch(`http://127.0.0.1:${metrics.port}/healthz`)).status).toBe(200);
  });
});
