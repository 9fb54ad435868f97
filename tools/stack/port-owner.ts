// Who holds a TCP port, from Linux's /proc: what `npm start` says when a port it needs is taken.
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import net from 'node:net';

/** True when nothing else listens on `host:port` (we can bind it ourselves). */
export function portIsFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/** Socket inodes on local `port` (listening ones first) from /proc/net/tcp and tcp6. */
function socketInodes(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const rows: { inode: string; listening: boolean }[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [local, state, inode] = [fields[1], fields[3], fields[9]];
      if (local?.endsWith(`:${hexPort}`) && inode && inode !== '0') {
        rows.push({ inode, listening: state === '0A' });
      }
    }
  }
  return rows.sort((a, b) => Number(b.listening) - Number(a.listening)).map((r) => r.inode);
}

/** The command line of the process holding socket `inode`, or undefined if none we can see. */
function processOf(inode: string): { pid: number; command: string } | undefined {
  const wanted = `socket:[${inode}]`;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue; // another user's process, or gone
    }
    for (const fd of fds) {
      let target = '';
      try {
        target = readlinkSync(`/proc/${entry}/fd/${fd}`);
      } catch {
        continue;
      }
      if (target !== wanted) continue;
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
      return { pid: Number(entry), command };
    }
  }
  return undefined;
}

/** "pid 1234 (node services/allocation/src/main.ts)", or what can be said without /proc. */
export function describePortOwner(port: number): string {
  for (const inode of socketInodes(port)) {
    const owner = processOf(inode);
    if (owner) return `pid ${owner.pid} (${owner.command})`;
  }
  return 'a process this user cannot see (try: sudo ss -ltnp)';
}

/** Linux's ephemeral port range, from which outgoing connections take their local ports. */
export function ephemeralRange(): [number, number] | undefined {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    return low && high ? [low, high] : undefined;
  } catch {
    return undefined;
  }
}
