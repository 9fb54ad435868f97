// Container health check: the service's /healthz on its metrics port answers 200 only while
// its database and NATS are reachable. Usage: node healthcheck.mjs <PORT_VARIABLE>
// (the name of the variable holding the metrics port, so a changed port is followed).
const variable = process.argv[2] ?? 'OPD_METRICS_PORT';
const port = process.env[variable];
const timeout = AbortSignal.timeout(2_500);

try {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: timeout });
  process.exit(response.ok ? 0 : 1);
} catch {
  process.exit(1);
}
