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
  },
});
export type Patient = InferEntity<typeof Patient>;
