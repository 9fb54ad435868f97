import type pg from 'pg';
import { newPostgresClient } from '@opd/service-runtime';
import { Alarm, backoffDelay, type BackoffPolicy } from './backoff.js';
import { describeError, type RelayLogger } from './logger.js';

/**
 * Commands run `NOTIFY opd_outbox` in the transaction that writes outbox rows. The relay no
 * longer listens to it: the notification below says the same and names the doctor-day.
 */
export const OUTBOX_CHANNEL = 'opd_outbox';
/** …and `NOTIFY opd_doctor_day_changed, '<doctor_day_id>:<last sequence>'` beside it. */
export const DOCTOR_DAY_CHANNEL = 'opd_doctor_day_changed';

export interface OutboxListenerOptions {
  readonly databaseUrl: string;
  readonly logger: RelayLogger;
  readonly backoff: BackoffPolicy;
  /** Called after every (re)connection, to catch up on what was committed meanwhile. */
  readonly onListening: () => void;
  /** Called when a commit names the doctor-day it wrote events for, and its last sequence. */
  readonly onDoctorDayChanged: (doctorDayId: string, sequence: number) => void;
}

/**
 * `LISTEN opd_doctor_day_changed` on a dedicated connection, reconnecting with backoff when it
 * breaks. Every commit that writes outbox rows sends it with the doctor-day and its last
 * sequence, so the relay starts on that day without looking for work first. Notifications are
 * only hints: the relay polls anyway, so a lost one costs at most one poll interval, and it
 * looks for work after every (re)connection.
 */
export class OutboxListener {
  readonly #options: OutboxListenerOptions;
  readonly #alarm = new Alarm();
  #client: pg.Client | undefined;
  #listening = false;
  #stopping = false;
  #loop: Promise<void> | undefined;

  constructor(options: OutboxListenerOptions) {
    this.#options = options;
  }

  /**
   * True while the connection is up and listening: every commit from now on will be heard of
   * (PostgreSQL delivers a notification to each listening session after its commit).
   */
  get listening(): boolean {
    return this.#listening;
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    this.#listening = false;
    this.#alarm.interrupt();
    await this.#client?.end().catch(() => undefined);
    await this.#loop;
  }

  async #run(): Promise<void> {
    const { logger, backoff } = this.#options;
    for (let attempt = 0; !this.#stopping;) {
      const client = newPostgresClient(this.#options.databaseUrl, {
        application_name: 'opd-outbox-listener',
        keepAlive: true,
      });
      const ended = new Promise<void>((resolve) => {
        client.on('end', () => {
          this.#listening = false;
          resolve();
        });
        client.on('error', (error) => {
          this.#listening = false;
          logger.warn({ err: describeError(error) }, 'outbox listener connection failed');
          resolve();
        });
      });
      client.on('notification', (message) => {
        const payload = message.payload ?? '';
        const colon = payload.lastIndexOf(':');
        const sequence = Number(payload.slice(colon + 1));
        if (colon > 0 && sequence > 0) {
          this.#options.onDoctorDayChanged(payload.slice(0, colon), sequence);
        }
      });
      this.#client = client;
      try {
        await client.connect();
        await client.query(`listen ${DOCTOR_DAY_CHANNEL}`);
        attempt = 0;
        this.#listening = !this.#stopping;
        logger.debug({ channel: DOCTOR_DAY_CHANNEL }, 'outbox listener is listening');
        this.#options.onListening();
        await ended;
      } catch (error) {
        logger.warn({ err: describeError(error) }, 'outbox listener could not listen');
      }
      this.#listening = false;
      await client.end().catch(() => undefined);
      this.#client = undefined;
      if (!this.#stopping)
        await this.#alarm.sleep(backoffDelay(backoff, ++attempt), { acceptWake: false });
    }
  }
}
