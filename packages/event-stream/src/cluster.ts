// A JetStream cluster of nats-server processes on one machine (tests, the torture run, a local
// cluster): each node's command line, with its client port, route port and store of its own.
// Uses only what nats-server 2.9 understands; in production the nodes are configured by file
// (deploy/nats/cluster).

export interface ClusterNode {
  /** The node's server name, unique in the cluster (JetStream needs one). */
  readonly name: string;
  readonly clientPort: number;
  readonly routePort: number;
  /** JetStream's store, the node's own. */
  readonly storeDir: string;
}

/** The client URL of a node on this machine. */
export const nodeUrl = (node: ClusterNode): string => `nats://127.0.0.1:${node.clientPort}`;

/**
 * nats-server's arguments for `node` in a cluster of `nodes` (itself included), listening on
 * 127.0.0.1 only. Every node gets every route, its own among them (nats-server ignores it).
 */
export function clusterNodeArgs(
  node: ClusterNode,
  nodes: readonly ClusterNode[],
  clusterName = 'opd',
): string[] {
  return [
    '-js',
    '-a',
    '127.0.0.1',
    '-p',
    String(node.clientPort),
    '-sd',
    node.storeDir,
    '--server_name',
    node.name,
    '--cluster_name',
    clusterName,
    '--cluster',
    `nats://127.0.0.1:${node.routePort}`,
    '--routes',
    nodes.map((n) => `nats://127.0.0.1:${n.routePort}`).join(','),
  ];
}
