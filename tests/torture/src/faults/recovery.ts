// What the services say about a fault while it lasts (their /healthz) and how soon they are
// healthy again after it.
import type { Service } from '../services.js';
import { seconds, waitFor } from '../time.js';
import type { Evidence } from './fault.js';

/**
 * While `dependency` is down (since `downSince`), a service that has been running all along must
 * answer /healthz with 503.
 */
export async function expectReportsDown(
  service: Service,
  dependency: 'database' | 'broker',
  downSince: number,
  evidence: Evidence,
): Promise<void> {
  const health = await service.health();
  // No answer may be a death whose exit is still on its way to us.
  if (health === 'no answer') await waitFor(() => !service.running, 2_000, 50);
  if (!service.running || service.spawnedAt > downSince) {
    // It died meanwhile (an incident of its own) and is not, or not yet, back to be asked.
    evidence.note(`${service.instance} had died meanwhile; nobody to ask`);
    return;
  }
  evidence.expect(
    health === 'down',
    `${service.instance} /healthz reported the ${dependency} down (it said: ${health})`,
  );
}

/** Waits until every service reports healthy again, noting how long each took. */
export async function awaitRecovery(
  services: readonly Service[],
  evidence: Evidence,
  timeoutMs = 60_000,
): Promise<void> {
  const since = Date.now();
  await Promise.all(
    services.map(async (service) => {
      const ok = await waitFor(async () => (await service.health()) === 'up', timeoutMs, 100);
      evidence.expect(ok, `${service.instance} healthy again after ${seconds(Date.now() - since)}`);
    }),
  );
}
