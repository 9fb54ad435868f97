// The run's own nats-server with JetStream: a child process on a free port, its store in the
// run directory, so a fault can stop it and start it again on the same store. In the cluster
// run, one node of a three-node JetStream cluster (its routes to the others on the command line).
import path from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { clusterNodeArgs, type ClusterNode } from '@opd/event-stream';
import { ManagedProcess, type Exit } from './child-process.js';
import { portAnswers } from './ports.js';
import type { RunDir } from './run-dir.js';
import { waitFor } from './time.js';

/** nats-server from PATH (Debian's 2.9 is enough: plain JetStream, no newer features). */
export const NATS_BINARY = process.env['OPD_TORTURE_NATS_SERVER'] ?? 'nats-server';

/** A node of a cluster: itself and every node (itself included). */
export interface NatsClusterMembership {
  readonly node: ClusterNode;
  readonly nodes: readonly ClusterNode[];
}

export class NatsServer {
  #process: ManagedProcess | undefined;

  constructor(
    private readonly run: RunDir,
    readonly port: number,
    private readonly onUnexpectedExit: (exit: Exit, lastLines: readonly string[]) => void,
    private readonly cluster?: NatsClusterMembership,
  ) {}

  /** The server name: the cluster node's, or 'nats' for the single server. */
  get name(): string {
    return this.cluster?.node.name ?? 'nats';
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.#process?.pid;
  }

  get running(): boolean {
    return this.#process?.running ?? false;
  }

  /** Starts the server (again) and resolves once JetStream answers. */
  async start(): Promise<void> {
    const args = this.cluster
      ? clusterNodeArgs(this.cluster.node, this.cluster.nodes)
      : ['-js', '-a', '127.0.0.1', '-p', String(this.port), '-sd', this.storeDir];
    const child = await ManagedProcess.start(
      {
        name: this.name,
        command: NATS_BINARY,
        args,
        cwd: this.run.path,
        env: {},
        logFile: path.join(this.run.path, `${this.cluster ? `nats-${this.name}` : 'nats'}.log`),
      },
      this.run,
      this.onUnexpectedExit,
    );
    this.#process = child;
    const ready = await waitFor(() => !child.running || this.#jetStreamAnswers(), 30_000, 100);
    if (!ready || !child.running) {
      await child.kill('SIGKILL');
      throw new Error(
        `nats-server did not answer on ${this.url} within 30 s:\n${child.lastLines.join('\n')}`,
      );
    }
  }

  /** kill -9: the node dies mid-write, as in a crash. */
  async crash(): Promise<Exit | undefined> {
    const exit = await this.#process?.kill('SIGKILL');
    this.#process = undefined;
    return exit;
  }

  /** Stops the server (SIGTERM: a clean shutdown that keeps the store). */
  async stop(): Promise<Exit | undefined> {
    const exit = await this.#process?.kill('SIGTERM');
    this.#process = undefined;
    return exit;
  }

  get storeDir(): string {
    return this.cluster?.node.storeDir ?? path.join(this.run.path, 'nats');
  }

  async #jetStreamAnswers(): Promise<boolean> {
    if (!(await portAnswers(this.port))) return false;
    try {
      const nc = await connect({ servers: this.url, reconnect: false, timeout: 1_000 });
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
}
