import net from 'node:net';

/**
 * True when something accepts TCP connections at the NATS URL's host and port; of a cluster's
 * comma-separated URLs, at any of them (the services connect to whichever answers).
 */
export async function natsAnswers(urls: string): Promise<boolean> {
  const servers = urls.split(',').map((u) => u.trim());
  const answers = await Promise.all(servers.filter(Boolean).map(serverAnswers));
  return answers.some(Boolean);
}

function serverAnswers(url: string): Promise<boolean> {
  const withScheme = url.includes('://') ? url : `nats://${url}`;
  const { hostname, port } = new URL(withScheme.replace(/^(nats|tls):/, 'http:'));
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
