import type pg from 'pg';
import { newPostgresClient } from '@opd/service-runtime';
import { Batcher } from './batcher.js';
import { describeError, type RelayLogger } from './logger.js';

/** A claim this relay holds: in use by a drain, or kept since `idleSince` for the next one. */
interface Held {
  busy: boolean;
  idleSince: number;
  /** Drains whose marks are not written yet: the claim is not given back before they are. */
  marking: number;
  /** Give it back as soon as it is unused and its marks are written. */
  giveBack: boolean;
}

interface Session {
  readonly client: pg.Client;
  /** The days this session holds, each locked exactly once; idle ones in the order they idled. */
  readonly held: Map<string, Held>;
}

/** Days taken out of a session's claims, to unlock on that session (and no later one). */
interface Release {
  readonly session: Session;
  readonly days: readonly string[];
}

export interface ClaimSettings {
  /** A claim no drain used for this long is given back. */
  readonly idleMs: number;
  /** At most this many unused claims are kept (the least recently used go first); 1,000. */
  readonly maxIdle: number;
  /** Whether unused claims are worth keeping (false: give them all back at the next sweep). */
  readonly keep: () => boolean;
}

/**
 * Which relay may publish a doctor-day: the one holding its advisory lock
 * `(hashtext('opd_outbox'), hashtext(doctor_day_id))`. The locks are taken and given back
 * here, on one connection of their own, so a claim never waits behind another doctor-day's
 * work, and hundreds can be held at once without a transaction or a connection each.
 *
 * A claim outlives the drain that took it: the next drain of the day finds it held and takes
 * it without a statement, so a busy day is locked once, not once per event. Claims no drain
 * used for `idleMs` are given back together in one statement (and all of them while the relay
 * cannot publish, and a failed day's at once), never while a drain uses them and never before
 * the marks of the drains that used them are written, so whoever locks the day next reads
 * after them. A relay that keeps a claim drains the day whenever it is notified or polls.
 *
 * The locks are session locks, so they end with this connection when the process dies or the
 * connection breaks, and another relay takes the day over at its next poll; they share their
 * key space with the transaction-scoped locks of earlier relays, so old and new relays
 * exclude each other during a rolling deploy. Claims and releases made at the same moment go
 * to the database together.
 */
export class DoctorDayClaims {
  readonly #databaseUrl: string;
  readonly #logger: RelayLogger;
  readonly #settings: ClaimSettings;
  readonly #claims = new Batcher<string, boolean>((days) => this.#lock(days));
  readonly #releases = new Batcher<Release, void>(async (releases) => {
    await this.#unlock(releases);
    return releases.map(() => undefined);
  });
  #session: Session | undefined;
  #connecting: Promise<Session> | undefined;
  #sweeper: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(databaseUrl: string, logger: RelayLogger, settings: ClaimSettings) {
    this.#databaseUrl = databaseUrl;
    this.#logger = logger;
    this.#settings = settings;
  }

  /** Opens the connection ahead of the first claim (a failure is retried by that claim). */
  prepare(): void {
    this.#open().catch(() => undefined);
    // At least every second, so claims are given back soon after the relay cannot publish.
    const every = Math.max(10, Math.min(1_000, this.#settings.idleMs / 2));
    this.#sweeper ??= setInterval(() => void this.sweep(), every).unref();
  }

  /**
   * True if this relay now holds the doctor-day for one drain; false if another relay holds it
   * (or a drain of this relay uses it). A claim kept from an earlier drain costs no statement.
   */
  claim(doctorDayId: string): Promise<boolean> {
    const held = this.#session?.held.get(doctorDayId);
    if (held === undefined) return this.#claims.submit(doctorDayId);
    if (held.busy) return Promise.resolve(false);
    held.busy = true;
    held.giveBack = false;
    return Promise.resolve(true);
  }

  /**
   * The drain is over; `marked` settles once its marks are written. The claim is kept for the
   * day's next drain, or with `giveBack` given back, but in either case not before `marked`.
   */
  done(doctorDayId: string, marked: Promise<unknown>, { giveBack }: { giveBack: boolean }): void {
    const session = this.#session;
    const held = session?.held.get(doctorDayId);
    if (session === undefined || held === undefined) return; // lost with its connection
    held.busy = false;
    held.idleSince = Date.now();
    held.giveBack = giveBack;
    held.marking += 1;
    // Unused claims stay in the order they were last used, the oldest first.
    session.held.delete(doctorDayId);
    session.held.set(doctorDayId, held);
    void marked
      .catch(() => undefined)
      .then(() => {
        held.marking -= 1;
        if (held.giveBack || session.held.size > this.#settings.maxIdle) void this.sweep();
      });
  }

  /**
   * Gives back, in one statement, the unused claims whose marks are written and that are to be
   * given back, unused for `idleMs`, the oldest beyond `maxIdle`, or all of them when they are
   * not worth keeping.
   */
  async sweep(now = Date.now()): Promise<void> {
    const session = this.#session;
    if (session === undefined) return;
    const all = !this.#settings.keep();
    const cutoff = now - this.#settings.idleMs;
    const unused = (held: Held) => !held.busy && held.marking === 0;
    let idle = 0;
    for (const held of session.held.values()) if (unused(held)) idle += 1;
    const days: string[] = [];
    for (const [day, held] of session.held) {
      if (!unused(held)) continue;
      if (all || held.giveBack || held.idleSince <= cutoff || idle > this.#settings.maxIdle) {
        days.push(day);
        idle -= 1;
      }
    }
    if (days.length === 0) return;
    for (const day of days) session.held.delete(day);
    await this.#releases.submit({ session, days }).catch((error: unknown) => {
      // The connection broke: PostgreSQL dropped the locks with it.
      this.#logger.debug({ err: describeError(error) }, 'giving back outbox claims failed');
    });
  }

  /** How many claims this relay holds now (in use or kept). */
  get held(): number {
    return this.#session?.held.size ?? 0;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#sweeper);
    await this.#claims.settled();
    await this.#releases.settled();
    const session = this.#session;
    this.#session = undefined;
    // Ending the session gives back every claim it holds.
    await session?.client.end().catch(() => undefined);
  }

  async #lock(days: readonly string[]): Promise<boolean[]> {
    const session = await this.#open();
    const wanted = [...new Set(days.filter((day) => !session.held.has(day)))];
    if (wanted.length > 0) {
      const { rows } = await session.client.query<{ day: string }>(
        `select day from unnest($1::text[]) day
          where pg_try_advisory_lock(hashtext('opd_outbox'), hashtext(day))`,
        [wanted],
      );
      const now = Date.now();
      for (const { day } of rows) {
        session.held.set(day, { busy: false, idleSince: now, marking: 0, giveBack: false });
      }
    }
    // A day asked for twice at once is this relay's already: only one asker may have it.
    return days.map((day) => {
      const held = session.held.get(day);
      if (held === undefined || held.busy) return false;
      held.busy = true;
      return true;
    });
  }

  async #unlock(releases: readonly Release[]): Promise<void> {
    const session = this.#session;
    // A broken session's locks went with it; a later session's are not these.
    const days = releases.filter((r) => r.session === session).flatMap((r) => r.days);
    if (session === undefined || days.length === 0) return;
    await session.client.query(
      `select pg_advisory_unlock(hashtext('opd_outbox'), hashtext(day)) from unnest($1::text[]) day`,
      [days],
    );
  }

  #open(): Promise<Session> {
    if (this.#session) return Promise.resolve(this.#session);
    if (this.#stopped) return Promise.reject(new Error('the outbox relay is stopping'));
    this.#connecting ??= this.#connect().finally(() => (this.#connecting = undefined));
    return this.#connecting;
  }

  async #connect(): Promise<Session> {
    const client = newPostgresClient(this.#databaseUrl, {
      application_name: 'opd-outbox-claims',
      keepAlive: true,
      // Claims are kept without a statement for a while: notice a dead connection soon.
      keepAliveInitialDelayMillis: 10_000,
    });
    const session: Session = { client, held: new Map() };
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
