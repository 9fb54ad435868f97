import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { DoctorDay } from './doctor-day.entity.js';

/**
 * A consultation slot of a doctor-day. Its `occupancy` column is kept by a database trigger from
 * the tokens and checked against capacity there; the service never writes it.
 */
export const Slot = defineEntity({
  name: 'Slot',
  properties: {
    id: p.uuid().primary(),
    doctorDayId: () => p.manyToOne(DoctorDay).mapToPk().joinColumn('doctor_day_id'),
    startsAt: p.datetime(),
    endsAt: p.datetime(),
    localStart: p.text(),
    localEnd: p.text(),
    capacity: p.integer(),
  },
});
export type Slot = InferEntity<typeof Slot>;
