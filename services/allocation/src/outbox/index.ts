export { OutboxRelay, startOutboxRelay } from './relay.js';
export type { OutboxRelayOptions, OutboxRelayStats, PublishedEvent } from './relay-options.js';
export type { BrokerTarget } from './broker.js';
export type { RelayLogger } from './logger.js';
export { OUTBOX_CHANNEL } from './outbox-listener.js';
