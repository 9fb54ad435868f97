import type pg from 'pg';
import { newPostgresClient } from '@opd/service-runtime';
import { Alarm, backoffDelay, type BackoffPolicy } from './backoff.js';
import { describeError, type RelayLogger } from './logger.js';

/** Commands run `NOTIFY opd_outbox` in the transaction that writes outbox rows. */
export const OUTBOX_CHANNEL = 'opd_outbox';
/** …and `NOTIFY opd_doctor_day_changed, '<doctor_day_id>:<last sequence>'` beside it. */
export const DOCTOR_DAY_CHANNEL = 'opd_doctor_day_changed';

export interface OutboxListenerOptions {
  readonly databaseUrl: string;
  readonly logger: RelayLogger;
  readonly backoff: BackoffPolicy;
  /** Called for every notification, and after every (re)connection to catch up on missed ones. */
  readonly onNotify: () => void;
  /** Called when a commit names the doctor-day it wrote events for, and its last sequence. */
  readonly onDoctorDayChanged?: (doctorDayId: string, sequence: number) => void;
}

/**
 * `LISTEN opd_outbox` and `opd_doctor_day_changed` on a dedicated connection, reconnecting
 * with backoff when it breaks. The second names the doctor-day, so the relay can start on it
 * without looking for work first. Notifications are only hints: the relay polls anyway, so a
 * lost one costs at most one poll interval.
 */
export class OutboxListener {
  readonly #options: OutboxListenerOptions;
  readonly #alarm = new Alarm();
  #client: pg.Client | undefined;
  #stopping = false;
  #loop: Promise<void> | undefined;

  constructor(options: OutboxListenerOptions) {
    this.#options = options;
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  async stop(): Promise<void> {
    this.#stopping = true;
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
        client.on('end', resolve);
        client.on('error', (error) => {
          logger.warn({ err: describeError(error) }, 'outbox listener connection failed');
          resolve();
        });
      });
      client.on('notification', (message) => {
        if (message.channel !== DOCTOR_DAY_CHANNEL) return this.#options.onNotify();
        const [doctorDayId, sequence] = (message.payload ?? '').split(':');
        if (doctorDayId && Number(sequence) > 0) {
          this.#options.onDoctorDayChanged?.(doctorDayId, Number(sequence));
        }
      });
      this.#client = client;
      try {
        await client.connect();
        await client.query(`listen ${OUTBOX_CHANNEL}; listen ${DOCTOR_DAY_CHANNEL}`);
        attempt = 0;
        logger.debug({ channel: OUTBOX_CHANNEL }, 'outbox listener is listening');
        this.#options.onNotify();
        await ended;
      } catch (error) {
        logger.warn({ err: describeError(error) }, 'outbox listener could not listen');
      }
      await client.end().catch(() => undefined);
      this.#client = undefined;
      if (!this.#stopping)
        await this.#alarm.sleep(backoffDelay(backoff, ++attempt), { acceptWake: false });
    }
  }
}
