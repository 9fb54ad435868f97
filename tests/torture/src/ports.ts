import { readFileSync } from 'node:fs';
import net from 'node:net';

/**
 * The kernel's ephemeral range, from which it also picks the local ports of outgoing
 * connections. A service restarted on a port from that range could find it taken by some other
 * suite's connection, so the run's ports come from below it.
 */
function ephemeralStart(): number {
  const range = (() => {
    try {
      return readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8');
    } catch {
      return '32768 60999';
    }
  })();
  const start = Number(range.trim().split(/\s+/)[0]);
  return Number.isInteger(start) && start > 12_000 ? start : 32_768;
}

const LOWEST = 10_000;

/** True when nothing is bound to 127.0.0.1:port right now. */
function bindable(port: number): Promise<boolean> {
  const server = net.createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A TCP port on 127.0.0.1 that nobody listens on, below the ephemeral range. */
export async function freePort(): Promise<number> {
  const highest = ephemeralStart() - 1;
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = LOWEST + Math.floor(Math.random() * (highest - LOWEST));
    if (await bindable(port)) return port;
  }
  throw new Error(`no free port between ${LOWEST} and ${highest}`);
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function portAnswers(port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(timeoutMs, () => (socket.destroy(), resolve(false)));
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}
