// Connection status for the status bar: follows each gRPC channel's connectivity state and
// pushes every change. Asking for the state also asks an idle channel to connect, so the
// desktop reconnects on its own after a network or service outage.
import { connectivityState, type Client } from '@grpc/grpc-js';
import type { ConnectionStatus, LinkState } from '../../shared/views.js';
import type { ServiceClients } from './clients.js';
import type { Emit } from './deps.js';

export function linkState(state: connectivityState): LinkState {
  switch (state) {
    case connectivityState.READY:
      return 'connected';
    case connectivityState.IDLE:
    case connectivityState.CONNECTING:
      return 'connecting';
    default:
      return 'offline';
  }
}

/** How long one watch of a channel waits before looking again. */
const WATCH_MS = 10_000;

export class ConnectionMonitor {
  private status: ConnectionStatus;
  private stopped = false;

  constructor(
    private readonly clients: ServiceClients,
    private readonly emit: Emit,
  ) {
    this.status = {
      allocation: 'connecting',
      reporting: clients.reporting ? 'connecting' : 'not-configured',
    };
  }

  start(): void {
    this.follow('allocation', this.clients.allocation.channel);
    if (this.clients.reporting) this.follow('reporting', this.clients.reporting.channel);
  }

  current(): ConnectionStatus {
    return this.status;
  }

  stop(): void {
    this.stopped = true;
  }

  private follow(service: keyof ConnectionStatus, client: Client): void {
    const channel = client.getChannel();
    const look = (): void => {
      if (this.stopped) return;
      const state = channel.getConnectivityState(true);
      this.set(service, linkState(state));
      if (state === connectivityState.SHUTDOWN) return;
      channel.watchConnectivityState(state, Date.now() + WATCH_MS, look);
    };
    look();
  }

  private set(service: keyof ConnectionStatus, state: LinkState): void {
    if (this.status[service] === state) return;
    this.status = { ...this.status, [service]: state };
    this.emit('onConnectionChange', this.status);
  }
}
