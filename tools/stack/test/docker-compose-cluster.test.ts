// docker-compose.cluster.yml, checked without a Docker engine: docker-compose validates it and
// prints it resolved (`config`), and the resolved file is read for what the scaled-out stack
// must have — three NATS nodes routed to each other, two instances of each service given every
// node and both PostgreSQL servers, a standby, a load balancer in front, every published port
// on 127.0.0.1 — and haproxy checks the load balancer's configuration.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FILE = 'docker-compose.cluster.yml';

interface ComposeService {
  readonly image?: string;
  readonly command?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly environment?: Readonly<Record<string, string>>;
  readonly ports?: readonly (string | { readonly host_ip?: string; readonly published?: number })[];
  readonly volumes?: readonly string[];
  readonly depends_on?: Readonly<Record<string, { readonly condition: string }>>;
}

const INSTALL =
  'docker-compose is not installed: run `bash tools/ensure-compose.sh` (Debian: apt-get install --no-install-recommends docker-compose)';

/** docker-compose's own reading of the file, with the secret it insists on. */
async function composeConfig(...args: string[]): Promise<string> {
  try {
    const { stdout } = await run('docker-compose', ['-f', FILE, 'config', ...args], {
      cwd: ROOT,
      env: { ...process.env, OPD_PAGE_TOKEN_SECRET: 'a-test-secret-of-sufficient-length' },
    });
    return stdout;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(INSTALL);
    throw error;
  }
}

const haproxy = ['/usr/sbin/haproxy', '/usr/local/sbin/haproxy'].find((p) => existsSync(p));

describe(FILE, () => {
  it('is valid for docker-compose', async () => {
    await expect(composeConfig('-q')).resolves.toBe('');
  });

  it('runs three NATS nodes as one cluster, two of each service, a standby and a balancer', async () => {
    const { services } = parse(await composeConfig()) as {
      services: Record<string, ComposeService>;
    };
    expect(Object.keys(services).sort()).toEqual([
      'allocation-1',
      'allocation-2',
      'grpc-lb',
      'migrate-allocation',
      'migrate-reporting',
      'nats-1',
      'nats-2',
      'nats-3',
      'postgres-primary',
      'postgres-standby',
      'reporting-1',
      'reporting-2',
    ]);
    // Each NATS node has its own name and store, on the one cluster configuration.
    for (const n of [1, 2, 3]) {
      const node = services[`nats-${n}`];
      expect(node?.command).toEqual(['-c', '/etc/nats/cluster.conf', '--server_name', `nats-${n}`]);
      expect(node?.volumes).toContain(`nats-${n}-data:/data:rw`);
    }
    const every = ['allocation-1', 'allocation-2', 'reporting-1', 'reporting-2'];
    for (const name of every) {
      const env = services[name]?.environment ?? {};
      expect(env['NATS_URL']).toBe('nats://nats-1:4222,nats://nats-2:4222,nats://nats-3:4222');
      expect(env['OPD_EVENT_STREAM_REPLICAS']).toBe('3');
      const url = env['DATABASE_URL'] ?? env['REPORTING_DATABASE_URL'];
      expect(url).toMatch(
        /@postgres-primary:5432,postgres-standby:5432\/opd(_reporting)?\?target_session_attrs=read-write$/,
      );
    }
    expect(services['postgres-standby']?.entrypoint).toEqual([
      '/bin/sh',
      '/usr/local/bin/standby.sh',
    ]);
    expect(services['grpc-lb']?.volumes).toContain(
      `${ROOT}deploy/haproxy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro`,
    );
  });

  it('publishes every port on 127.0.0.1 only', async () => {
    const { services } = parse(await composeConfig()) as {
      services: Record<string, ComposeService>;
    };
    const published = Object.entries(services).flatMap(([name, service]) =>
      (service.ports ?? []).map((port) =>
        typeof port === 'string'
          ? `${name} ${port}`
          : `${name} ${port.host_ip ?? '0.0.0.0'}:${port.published}`,
      ),
    );
    expect(published).toEqual(
      expect.arrayContaining([
        'grpc-lb 127.0.0.1:50051:50051/tcp',
        'grpc-lb 127.0.0.1:50052:50052/tcp',
        'postgres-standby 127.0.0.1:5433:5432/tcp',
      ]),
    );
    expect(published.filter((p) => !p.split(' ')[1]?.startsWith('127.0.0.1:'))).toEqual([]);
  });

  it('has a load balancer configuration that haproxy accepts, with both instances of each', async () => {
    if (haproxy === undefined)
      throw new Error('haproxy is not installed: run `bash tools/ensure-compose.sh`');
    const { stderr } = await run(haproxy, ['-c', '-f', 'deploy/haproxy/haproxy.cfg'], {
      cwd: ROOT,
    });
    // Valid; the only warnings are the instances' names, which resolve inside compose only.
    const warnings = stderr.split('\n').filter((line) => line.includes('[WARNING]'));
    expect(
      warnings.every((w) => /could not resolve address '(allocation|reporting)-[12]'/.test(w)),
    ).toBe(true);
    expect(warnings).toHaveLength(4);
  });
});
