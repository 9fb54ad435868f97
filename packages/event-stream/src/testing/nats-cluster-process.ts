// A private three-node JetStream cluster for a test: nats-server processes on free ports, each
// with a store of its own, that a test can kill -9 and start again one by one.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { clusterNodeArgs, nodeUrl, type ClusterNode } from '../cluster.js';

const BINARY = process.env['OPD_TEST_NATS_SERVER'] ?? '/usr/sbin/nats-server';

export class NatsClusterProcess {
  readonly #children = new Map<string, ChildProcess>();

  private constructor(
    readonly nodes: readonly ClusterNode[],
    private readonly dir: string,
  ) {}

  static async create(size = 3): Promise<NatsClusterProcess> {
    const dir = await mkdtemp(path.join(tmpdir(), 'opd-nats-cluster-'));
    const nodes: ClusterNode[] = [];
    for (let i = 1; i <= size; i++) {
      nodes.push({
        name: `n${i}`,
        clientPort: await freePort(),
        routePort: await freePort(),
        storeDir: path.join(dir, `n${i}`),
      });
    }
    return new NatsClusterProcess(nodes, dir);
  }

  /** Every node's URL, as a service is given them. */
  get urls(): string[] {
    return this.nodes.map(nodeUrl);
  }

  /** Starts every node and waits until the cluster answers JetStream requests. */
  async start(): Promise<void> {
    for (const node of this.nodes) this.startNode(node.name);
    const deadline = Date.now() + 30_000;
    while (!(await jetStreamAnswers(this.urls))) {
      if (Date.now() > deadline) throw new Error('the NATS cluster did not form within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  startNode(name: string): void {
    const node = this.#node(name);
    if (this.#children.has(name)) throw new Error(`${name} is running`);
    this.#children.set(name, spawn(BINARY, clusterNodeArgs(node, this.nodes), { stdio: 'ignore' }));
  }

  /** kill -9 of one node: it dies mid-write, as in a crash. */
  async killNode(name: string): Promise<void> {
    const child = this.#children.get(name);
    this.#children.delete(name);
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** The node whose server name is `name`. */
  #node(name: string): ClusterNode {
    const node = this.nodes.find((n) => n.name === name);
    if (node === undefined) throw new Error(`no node ${name}`);
    return node;
  }

  async destroy(): Promise<void> {
    for (const name of [...this.#children.keys()]) await this.killNode(name);
    await rm(this.dir, { recursive: true, force: true });
  }
}

async function jetStreamAnswers(servers: string[]): Promise<boolean> {
  try {
    const nc = await connect({ servers, reconnect: false, timeout: 1_000 });
    try {
      await (await jetstreamManager(nc, { timeout: 1_000 })).getAccountInfo();
      return true;
    } finally {
      await nc.close();
    }
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
