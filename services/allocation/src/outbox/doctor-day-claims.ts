import type pg from 'pg';
import { newPostgresClient } from '@opd/service-runtime';
import { Batcher } from './batcher.js';
import { describeError, type RelayLogger } from './logger.js';

/**
 * Which relay may publish a doctor-day: the one holding its advisory lock
 * `(hashtext('opd_outbox'), hashtext(doctor_day_id))`. The locks are taken and given back
 * here, on one connection of their own, so that a doctor-day is claimed only while the relay
 * publishes it: a claim never waits behind another doctor-day's work, and hundreds can be
 * held at once without a transaction or a connection each. The locks are session locks, so
 * they end with this connection when the process dies or the connection breaks; they share
 * their key space with the transaction-scoped locks of earlier relays, so old and new relays
 * exclude each other during a rolling deploy. Claims and releases made at the same moment
 * go to the database together.
 */
export class DoctorDayClaims {
  readonly #databaseUrl: string;
  readonly #logger: RelayLogger;
  readonly #claims = new Batcher<string, boolean>((days) => this.#lock(days));
  readonly #releases = new Batcher<string, boolean>((days) => this.#unlock(days));
  #session: { client: pg.Client; held: Set<string> } | undefined;
  #connecting: Promise<{ client: pg.Client; held: Set<string> }> | undefined;
  #stopped = false;

  constructor(databaseUrl: string, logger: RelayLogger) {
    this.#databaseUrl = databaseUrl;
    this.#logger = logger;
  }

  /** Opens the connection ahead of the first claim (a failure is retried by that claim). */
  prepare(): void {
    this.#open().catch(() => undefined);
  }

  /** True if this relay now holds the doctor-day; false if another relay does. */
  claim(doctorDayId: string): Promise<boolean> {
    return this.#claims.submit(doctorDayId);
  }

  /** Gives the doctor-day back; a claim lost with a broken connection is already gone. */
  async release(doctorDayId: string): Promise<void> {
    await this.#releases.submit(doctorDayId);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#claims.settled();
    await this.#releases.settled();
    const session = this.#session;
    this.#session = undefined;
    await session?.client.end().catch(() => undefined);
  }

  async #lock(days: readonly string[]): Promise<boolean[]> {
    const session = await this.#open();
    const wanted = days.filter((day) => !session.held.has(day));
    const { rows } = await session.client.query<{ day: string }>(
      `select day from unnest($1::text[]) day
        where pg_try_advisory_lock(hashtext('opd_outbox'), hashtext(day))`,
      [wanted],
    );
    for (const { day } of rows) session.held.add(day);
    const locked = new Set(rows.map((r) => r.day));
    // A day asked for twice at once is this relay's already: only one asker may have it.
    const granted = new Set<string>();
    return days.map((day) => {
      if (!locked.has(day) || granted.has(day)) return false;
      granted.add(day);
      return true;
    });
  }

  /** Says for each day whether this session still held it. */
  async #unlock(days: readonly string[]): Promise<boolean[]> {
    const session = this.#session;
    const held = session ? days.filter((day) => session.held.delete(day)) : [];
    if (session && held.length > 0) {
      await session.client.query(
        `select pg_advisory_unlock(hashtext('opd_outbox'), hashtext(day)) from unnest($1::text[]) day`,
        [held],
      );
    }
    return days.map((day) => held.includes(day));
  }

  #open(): Promise<{ client: pg.Client; held: Set<string> }> {
    if (this.#session) return Promise.resolve(this.#session);
    if (this.#stopped) return Promise.reject(new Error('the outbox relay is stopping'));
    this.#connecting ??= this.#connect().finally(() => (this.#connecting = undefined));
    return this.#connecting;
  }

  async #connect(): Promise<{ client: pg.Client; held: Set<string> }> {
    const client = newPostgresClient(this.#databaseUrl, {
      application_name: 'opd-outbox-claims',
      keepAlive: true,
    });
    const session = { client, held: new Set<string>() };
    const lost = (error?: Error) => {
      // The server dropped every lock of the session with it.
      if (this.#session === session) this.#session = undefined;
      if (error) {
        this.#logger.warn({ err: describeError(error) }, 'the outbox claims connection failed');
      }
    };
    client.on('error', lost);
    client.on('end', () => lost());
    await client.connect();
    this.#session = session;
    return session;
  }
}
