// Test helpers: a stream of one's own on the shared NATS server, so test files never collide.
import { randomUUID } from 'node:crypto';

/** A unique stream name and subject prefix for one test file. */
export function uniqueStream(): { name: string; subjectPrefix: string } {
  const id = randomUUID().replaceAll('-', '').slice(0, 12);
  return { name: `OPD_TEST_${id}`, subjectPrefix: `opdtest.${id}` };
}
export { NatsServerProcess } from './nats-server-process.js';
export { NatsClusterProcess } from './nats-cluster-process.js';
