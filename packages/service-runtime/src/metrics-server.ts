import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { ServerLoad } from './server.js';

/** What `/healthz` reports: 200 when ok, 503 otherwise, with the details as JSON. */
export interface HealthReport {
  ok: boolean;
  details: Record<string, string>;
}

export interface MetricsServerOptions {
  host: string;
  /** 0 = any free port. */
  port: number;
  registry: Registry;
  health: () => Promise<HealthReport>;
  /**
   * The gRPC server's load: /healthz adds connections, streams and held-off addresses to its
   * details, and answers 503 while the server holds its maximum of connections.
   */
  load?: (() => Promise<ServerLoad>) | undefined;
}

export interface RunningMetricsServer {
  port: number;
  close(): Promise<void>;
}

async function respond(options: MetricsServerOptions, req: IncomingMessage, res: ServerResponse) {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
  } else if (path === '/metrics') {
    const body = await options.registry.metrics();
    res.writeHead(200, { 'content-type': options.registry.contentType }).end(body);
  } else if (path === '/healthz') {
    let report: HealthReport;
    try {
      report = await options.health();
      if (options.load) report = withLoad(report, await options.load());
    } catch {
      report = { ok: false, details: { health: 'the health check failed' } };
    }
    res
      .writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json' })
      .end(JSON.stringify(report));
  } else {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  }
}

/** A health report with the server's load added; a saturated server is not healthy. */
function withLoad(report: HealthReport, load: ServerLoad): HealthReport {
  const { connections, streams } = load;
  return {
    ok: report.ok && !load.saturated,
    details: {
      ...report.details,
      connections: `${connections.open}/${connections.max}${load.saturated ? ' (saturated: new clients are refused)' : ''}`,
      connectionsRefused: String(connections.refused),
      streams: String(streams.open),
      keysAtStreamLimit: String(streams.keysAtLimit),
      addressesHeldOff: String(load.addressesHeldOff),
    },
  };
}

/** Serves `/metrics` (Prometheus text format) and `/healthz` over plain HTTP. */
export async function startMetricsServer(
  options: MetricsServerOptions,
): Promise<RunningMetricsServer> {
  const server = createServer((req, res) => {
    respond(options, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
