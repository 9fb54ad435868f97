import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect } from '@nats-io/transport-node';
import { ConnectionState } from './connection-state.js';
import { NatsServerProcess } from './testing/index.js';

let server: NatsServerProcess;

beforeAll(async () => {
  server = await NatsServerProcess.create();
  await server.start();
});
afterAll(async () => {
  await server.destroy();
});

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 20_000) throw new Error('timed out waiting for the connection state');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the connection state', () => {
  it('says disconnected while the broker is away, though the client has not given up', async () => {
    const connection = await connect({
      servers: server.url,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 100,
    });
    const seen: string[] = [];
    const state = new ConnectionState(connection, {
      onDisconnect: () => seen.push('disconnect'),
      onReconnect: () => seen.push('reconnect'),
    });
    expect(state.connected).toBe(true);

    await server.stop();
    await until(() => !state.connected);
    expect(connection.isClosed()).toBe(false);

    await server.start();
    await until(() => state.connected);
    expect(seen).toEqual(['disconnect', 'reconnect']);

    await connection.close();
    await until(() => !state.connected);
  });
});
