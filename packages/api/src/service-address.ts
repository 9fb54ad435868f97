import { isIP } from 'node:net';

/**
 * Where a client finds a service, as a grpc-js target. One instance is `host:port`; several are
 * either a comma-separated list of IP addresses with ports (`127.0.0.1:50051,127.0.0.1:50061`,
 * turned into grpc-js's `ipv4:` / `ipv6:` target) or one DNS name that resolves to every
 * instance (`dns:allocation:50051`, `dns:///allocation.opd.svc:50051`). A list of host names is
 * refused: grpc-js has no resolver for one (its `dns:` resolver takes one name), and resolving
 * them once here would pin the addresses of the day the client started.
 */
export type ServiceAddress =
  | { readonly ok: true; readonly target: string; readonly instances: readonly string[] }
  | { readonly ok: false; readonly problem: string };

const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const PORT = /^\d{1,5}$/;

interface HostPort {
  readonly host: string;
  readonly port: number;
  /** 4, 6, or 0 for a name. */
  readonly family: 0 | 4 | 6;
}

function hostPort(text: string): HostPort | string {
  const bracketed = /^\[([^\]]+)\]:(.*)$/.exec(text);
  const [host, port] = bracketed
    ? [bracketed[1] ?? '', bracketed[2] ?? '']
    : [text.slice(0, text.lastIndexOf(':')), text.slice(text.lastIndexOf(':') + 1)];
  if (!text.includes(':') || host === '') return `"${text}" is not host:port`;
  if (!PORT.test(port) || Number(port) < 1 || Number(port) > 65535)
    return `"${text}": the port must be a number from 1 to 65535`;
  const family = isIP(host);
  if (bracketed && family !== 6) return `"${text}": only an IPv6 address goes in brackets`;
  if (!bracketed && family === 6) return `"${text}": write an IPv6 address in brackets, [::1]:port`;
  if (family === 0 && !HOST_NAME.test(host)) return `"${text}": "${host}" is not a host name`;
  return { host, port: Number(port), family: family as 0 | 4 | 6 };
}

/**
 * Reads an address setting. Examples:
 * - `127.0.0.1:50051` → target `127.0.0.1:50051` (one instance)
 * - `127.0.0.1:50051, 127.0.0.1:50061` → `ipv4:127.0.0.1:50051,127.0.0.1:50061`
 * - `localhost:50051,localhost:50061` → `ipv4:127.0.0.1:50051,127.0.0.1:50061`
 * - `dns:allocation:50051` → as given: every address the name has, kept up to date by grpc-js
 * - `allocation-1:50051,allocation-2:50051` → a problem (give one DNS name or a load balancer)
 */
export function parseServiceAddress(text: string): ServiceAddress {
  const value = text.trim();
  if (value === '') return { ok: false, problem: 'no address given' };
  if (/^dns:/.test(value)) {
    const rest = value.replace(/^dns:(\/\/[^/]*\/)?/, '');
    const parsed = hostPort(rest);
    if (typeof parsed === 'string') return { ok: false, problem: `${value}: ${parsed}` };
    return { ok: true, target: value, instances: [value] };
  }
  const scheme = /^(ipv4|ipv6):/.exec(value)?.[1];
  const items = value
    .replace(/^(ipv4|ipv6):/, '')
    .split(',')
    .map((item) => item.trim());
  const parsed: HostPort[] = [];
  for (const item of items) {
    const one = hostPort(item);
    if (typeof one === 'string') return { ok: false, problem: one };
    parsed.push(one.host === 'localhost' ? { ...one, host: '127.0.0.1', family: 4 } : one);
  }
  const [first] = parsed;
  if (first === undefined) return { ok: false, problem: 'no address given' };
  if (parsed.length === 1 && scheme === undefined) {
    return { ok: true, target: value, instances: [value] };
  }
  if (parsed.some((p) => p.family === 0)) {
    return {
      ok: false,
      problem:
        `${value}: a list takes IP addresses; for host names give one DNS name that resolves ` +
        'to every instance (dns:allocation:50051) or the address of a load balancer',
    };
  }
  if (parsed.some((p) => p.family !== first.family)) {
    return { ok: false, problem: `${value}: a list is all IPv4 or all IPv6, not both` };
  }
  if (scheme !== undefined && scheme !== `ipv${first.family}`) {
    return { ok: false, problem: `${value}: ${scheme}: takes IPv${scheme.slice(3)} addresses` };
  }
  const instances = parsed.map((p) =>
    p.family === 6 ? `[${p.host}]:${p.port}` : `${p.host}:${p.port}`,
  );
  return { ok: true, target: `ipv${first.family}:${instances.join(',')}`, instances };
}

/**
 * The service config every client channel gets: calls spread over every instance the target
 * names (`round_robin`; grpc-js's default, `pick_first`, would send everything to one), and a
 * call that finds an instance UNAVAILABLE (stopped, or its database or broker away) tried again
 * — on the next instance — up to twice. Every mutation of the contract carries a `request_id`,
 * so a retry of a write that did land gets the stored answer, never a second change (ADR 0017,
 * ADR 0018). Retries are throttled when most calls fail, so an outage does not triple the load.
 */
export const BALANCED_SERVICE_CONFIG = {
  loadBalancingConfig: [{ round_robin: {} }],
  methodConfig: [
    {
      name: [{}],
      retryPolicy: {
        maxAttempts: 3,
        initialBackoff: '0.05s',
        maxBackoff: '0.5s',
        backoffMultiplier: 2,
        retryableStatusCodes: ['UNAVAILABLE'],
      },
    },
  ],
  retryThrottling: { maxTokens: 100, tokenRatio: 1 },
} as const;
