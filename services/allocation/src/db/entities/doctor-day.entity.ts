import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Doctor } from './doctor.entity.js';

/**
 * One doctor on one local date. Its row is the lock every change to the day takes, and it holds
 * the counters issued under that lock: token numbers, waitlist entry numbers, event sequence.
 */
export const DoctorDay = defineEntity({
  name: 'DoctorDay',
  properties: {
    id: p.uuid().primary(),
    doctorId: () => p.manyToOne(Doctor).mapToPk().joinColumn('doctor_id'),
    date: p.string().columnType('date'),
    timeZone: p.text(),
    dayStartsAt: p.datetime(),
    nextTokenNumber: p.integer(),
    nextEntryNumber: p.integer(),
    eventSequence: p.bigint('number'),
    createdAt: p.datetime(),
  },
});
export type DoctorDay = InferEntity<typeof DoctorDay>;
