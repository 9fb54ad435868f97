import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A patient, known by their phone number in E.164. */
export const Patient = defineEntity({
  name: 'Patient',
  properties: {
    id: p.uuid().primary(),
    phone: p.text(),
    name: p.text(),
    createdAt: p.datetime(),
  },
});
export type Patient = InferEntity<typeof Patient>;
