import { LRUCache } from 'lru-cache';
import type pg from 'pg';

/** The doctor-day a token or waitlist entry belongs to. */
export interface DayLocation {
  readonly doctorId: string;
  readonly date: string;
}

/**
 * Which doctor-day holds a token or waitlist entry, so a request about it can queue for that
 * day's batch. A token never leaves its doctor-day, so what was found once stays true.
 */
export class DayLocations {
  private readonly known: LRUCache<string, DayLocation>;

  constructor(
    private readonly pool: pg.Pool,
    maxEntries: number,
  ) {
    this.known = new LRUCache({ max: Math.max(1, maxEntries) });
  }

  ofToken(tokenId: string): Promise<DayLocation | undefined> {
    return this.find('token', tokenId);
  }

  ofWaitlistEntry(entryId: string): Promise<DayLocation | undefined> {
    return this.find('waitlist_entry', entryId);
  }

  private async find(
    table: 'token' | 'waitlist_entry',
    id: string,
  ): Promise<DayLocation | undefined> {
    const key = `${table}/${id}`;
    const known = this.known.get(key);
    if (known) return known;
    const result = await this.pool.query<{ doctor_id: string; date: string }>({
      name: `opd_day_of_${table}`,
      text: `select d.doctor_id, d.date::text as date from ${table} x
               join doctor_day d on d.id = x.doctor_day_id where x.id = $1`,
      values: [id],
    });
    const row = result.rows[0];
    if (!row) return undefined;
    const location = { doctorId: row.doctor_id, date: row.date };
    this.known.set(key, location);
    return location;
  }
}
