import type pg from 'pg';
import { newPostgresClient, type Logger } from '@opd/service-runtime';

/**
 * Committed changes to doctor-days, as PostgreSQL announces them: every command notifies
 * `opd_doctor_day_changed` inside its transaction, and PostgreSQL delivers it only on commit.
 * One listening connection per process fans out to every watcher.
 */
export class DoctorDayChanges {
  private readonly listeners = new Map<string, Set<() => void>>();
  private client: pg.Client | undefined;
  private closed = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly log: Pick<Logger, 'warn'>,
  ) {}

  async start(): Promise<void> {
    const client = newPostgresClient(this.databaseUrl);
    client.on('notification', (message) => {
      const doctorDayId = message.payload?.split(':')[0];
      if (doctorDayId) for (const listener of this.listeners.get(doctorDayId) ?? []) listener();
    });
    client.on('error', (error) => {
      this.log.warn({ err: error.message }, 'doctor-day change listener lost its connection');
      this.client = undefined;
      void this.restart();
    });
    await client.connect();
    await client.query('listen opd_doctor_day_changed');
    this.client = client;
  }

  /** Calls `listener` after every committed change of the doctor-day; returns the unsubscribe. */
  subscribe(doctorDayId: string, listener: () => void): () => void {
    const set = this.listeners.get(doctorDayId) ?? new Set();
    set.add(listener);
    this.listeners.set(doctorDayId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(doctorDayId);
    };
  }

  async stop(): Promise<void> {
    this.closed = true;
    await this.client?.end().catch(() => undefined);
  }

  private async restart(): Promise<void> {
    for (let delay = 100; !this.closed; delay = Math.min(delay * 2, 5_000)) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      try {
        await this.start();
        // Changes during the outage were missed: wake everyone so they reload.
        for (const set of this.listeners.values()) for (const listener of set) listener();
        return;
      } catch {
        // keep trying until stopped
      }
    }
  }
}
