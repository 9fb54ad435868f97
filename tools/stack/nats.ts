import net from 'node:net';

/** True when something accepts TCP connections at the NATS URL's host and port. */
export function natsAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url.replace(/^nats:/, 'http:'));
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 4222) });
    socket.setTimeout(2_000, () => (socket.destroy(), resolve(false)));
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Exactly how to get a NATS with JetStream, for when none answers. */
export const howToStartNats = (url: string): string =>
  [
    `No NATS answers at ${url}. Start one with JetStream, then run npm start again:`,
    '  nats-server -js -sd .data/nats -a 127.0.0.1 -p 4222        (Debian: apt-get install nats-server)',
    '  docker run --rm -p 4222:4222 nats:2.10-alpine -js           (with Docker)',
    'or point NATS_URL at one that runs.',
  ].join('\n');
