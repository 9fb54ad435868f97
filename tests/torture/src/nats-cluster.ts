// The cluster run's NATS: three nats-server nodes of one JetStream cluster, each a process of the
// run on free ports (client and route) with its store in the run directory. The event stream on
// it has three replicas; the fault kills the node that leads it.
import path from 'node:path';
import { jetstreamManager, type StreamInfo } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { nodeUrl, type ClusterNode } from '@opd/event-stream';
import type { Exit } from './child-process.js';
import { NatsServer } from './nats-server.js';
import type { RunDir } from './run-dir.js';
import { waitFor } from './time.js';

export class NatsCluster {
  readonly nodes: readonly NatsServer[];
  readonly #members: readonly ClusterNode[];

  constructor(
    run: RunDir,
    ports: readonly { readonly client: number; readonly route: number }[],
    onUnexpectedExit: (name: string) => (exit: Exit, lastLines: readonly string[]) => void,
  ) {
    this.#members = ports.map((p, i) => ({
      name: `n${i + 1}`,
      clientPort: p.client,
      routePort: p.route,
      storeDir: path.join(run.path, `nats-n${i + 1}`),
    }));
    this.nodes = this.#members.map(
      (node) =>
        new NatsServer(run, node.clientPort, onUnexpectedExit(node.name), {
          node,
          nodes: this.#members,
        }),
    );
  }

  /** Every node's URL: what the services and the run's own clients are given. */
  get servers(): string[] {
    return this.#members.map(nodeUrl);
  }

  node(name: string): NatsServer {
    const node = this.nodes.find((n) => n.name === name);
    if (node === undefined) throw new Error(`no NATS node ${name}`);
    return node;
  }

  /** Starts every node at once (each waits for the others' routes to elect a leader). */
  async start(): Promise<void> {
    await Promise.all(this.nodes.map((node) => node.start()));
  }

  async stop(): Promise<void> {
    for (const node of this.nodes) await node.stop();
  }

  /** The stream as the cluster sees it now (leader and replicas), or undefined if it cannot say. */
  async streamInfo(stream: string): Promise<StreamInfo | undefined> {
    try {
      const nc = await connect({ servers: this.servers, reconnect: false, timeout: 2_000 });
      try {
        return await (await jetstreamManager(nc, { timeout: 2_000 })).streams.info(stream);
      } finally {
        await nc.close();
      }
    } catch {
      return undefined;
    }
  }

  /** Waits for a leader of the stream other than `not`, and returns its name. */
  async awaitLeader(stream: string, not?: string, timeoutMs = 30_000): Promise<string | undefined> {
    let leader: string | undefined;
    await waitFor(
      async () => {
        leader = (await this.streamInfo(stream))?.cluster?.leader;
        return leader !== undefined && leader !== '' && leader !== not;
      },
      timeoutMs,
      100,
    );
    return leader === not ? undefined : leader;
  }
}
