import type { EntityManager } from '@mikro-orm/postgresql';
import { query } from './sql.js';

/**
 * The patient with this E.164 phone number, registered now if new. A known patient keeps the
 * name they were registered with (docs/adr/0007-patient-identity.md). Race-free: two counters
 * registering the same number at once both end up with the one row.
 */
export async function findOrCreatePatient(
  em: EntityManager,
  phone: string,
  name: string,
  id: string,
  now: Date,
): Promise<{ readonly id: string; readonly name: string }> {
  const [row] = await query<{ id: string; name: string }>(
    em,
    `with created as (
       insert into patient (id, phone, name, created_at) values ($1, $2, $3, $4)
       on conflict (phone) do nothing returning id, name)
     select id, name from created union all select id, name from patient where phone = $2 limit 1`,
    [id, phone, name, now],
  );
  if (row) return row;
  // Another transaction registered the number after this statement took its snapshot: the
  // insert waited for it to commit and did nothing, and the select could not see its row yet.
  // The next statement can.
  const [registered] = await query<{ id: string; name: string }>(
    em,
    'select id, name from patient where phone = $1',
    [phone],
  );
  if (!registered) throw new Error('patient upsert returned nothing');
  return registered;
}
