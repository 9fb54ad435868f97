// Looks straight into the allocation database every few hundred milliseconds while the load and
// the faults run: one statement, so one snapshot, of what must never be seen even for a moment.
import { newPostgresClient } from '@opd/service-runtime';

export interface Sample {
  readonly at: number;
  /** Slots whose stored occupancy exceeds their capacity. */
  readonly storedOverCapacity: number;
  /** Slots holding more ALLOCATED, CHECKED_IN or COMPLETED tokens than their capacity. */
  readonly heldOverCapacity: number;
  /** Slots whose stored occupancy differs from the tokens they hold. */
  readonly occupancyDrift: number;
  /** (doctor-day, patient) pairs with more than one held token or WAITING entry. */
  readonly doubleBooked: number;
}

const HELD = `('ALLOCATED', 'CHECKED_IN', 'COMPLETED')`;
const SAMPLE_SQL = `
  with held as (select slot_id, count(*)::int as n from token where status in ${HELD} group by slot_id),
       places as (
         select doctor_day_id, patient_id from token where status in ${HELD}
         union all
         select doctor_day_id, patient_id from waitlist_entry where status = 'WAITING')
  select
    (select count(*)::int from slot where occupancy > capacity) as stored_over,
    (select count(*)::int from slot s join held h on h.slot_id = s.id where h.n > s.capacity) as held_over,
    (select count(*)::int from slot s left join held h on h.slot_id = s.id
      where s.occupancy <> coalesce(h.n, 0)) as drift,
    (select count(*)::int from (select 1 from places group by doctor_day_id, patient_id
      having count(*) > 1) d) as double_booked`;

interface SampleRow {
  stored_over: number;
  held_over: number;
  drift: number;
  double_booked: number;
}

export class Sampler {
  readonly samples: Sample[] = [];
  /** Samples that could not be taken (the database was down or busy). */
  missed = 0;
  #timer: NodeJS.Timeout | undefined;
  #busy = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly everyMs: number,
  ) {}

  start(): void {
    this.#timer = setInterval(() => void this.#sample(), this.everyMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    while (this.#busy) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  async #sample(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    const client = newPostgresClient(this.databaseUrl, {
      connectionTimeoutMillis: 1_000,
      statement_timeout: 2_000,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const { rows } = await client.query<SampleRow>(SAMPLE_SQL);
      const row = rows[0];
      if (row) {
        this.samples.push({
          at: Date.now(),
          storedOverCapacity: row.stored_over,
          heldOverCapacity: row.held_over,
          occupancyDrift: row.drift,
          doubleBooked: row.double_booked,
        });
      }
    } catch {
      this.missed += 1;
    } finally {
      await client.end().catch(() => undefined);
      this.#busy = false;
    }
  }
}
