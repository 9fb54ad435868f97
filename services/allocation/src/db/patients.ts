import type { EntityManager } from '@mikro-orm/postgresql';
import { Patient } from './entities/index.js';

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
): Promise<Patient> {
  await em.execute(
    'insert into patient (id, phone, name, created_at) values (?, ?, ?, ?) on conflict (phone) do nothing',
    [id, phone, name, now],
  );
  return em.findOneOrFail(Patient, { phone });
}
