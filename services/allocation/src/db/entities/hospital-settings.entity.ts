import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { Source } from '@opd/engine';

/** The deployment's hospital: its time zone, phone country and priority rules (one row). */
export const HospitalSettings = defineEntity({
  name: 'HospitalSettings',
  properties: {
    id: p.smallint().primary(),
    timeZone: p.text(),
    defaultCountry: p.text(),
    sourcePriority: p.json<Record<Source, number>>(),
    noShowGraceMinutes: p.integer(),
    updatedAt: p.datetime(),
  },
});
export type HospitalSettings = InferEntity<typeof HospitalSettings>;
