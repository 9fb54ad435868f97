import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A patient, found by phone number (E.164) and name: a phone may belong to a family, and
 * `nameKey` (case, spacing and punctuation ignored) tells its patients apart.
 */
export const Patient = defineEntity({
  name: 'Patient',
  properties: {
    id: p.uuid().primary(),
    phone: p.text(),
    name: p.text(),
    nameKey: p.text(),
    createdAt: p.datetime(),
    /** Optional registration details (migration 6): null when not recorded. */
    sex: p.text().nullable(),
    birthDate: p.string().columnType('date').nullable(),
    birthDateEstimated: p.boolean().default(false),
    abhaNumber: p.text().nullable(),
    hospitalNumber: p.text().nullable(),
  },
});
export type Patient = InferEntity<typeof Patient>;
