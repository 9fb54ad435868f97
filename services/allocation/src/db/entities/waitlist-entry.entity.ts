import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { SOURCES, WAITLIST_STATUSES } from '@opd/engine';
import { Patient } from './patient.entity.js';
import { DoctorDay } from './doctor-day.entity.js';

/** A patient waiting for a place on a doctor-day. */
export const WaitlistEntry = defineEntity({
  name: 'WaitlistEntry',
  properties: {
    id: p.uuid().primary(),
    doctorDayId: () => p.manyToOne(DoctorDay).mapToPk().joinColumn('doctor_day_id'),
    entryNumber: p.integer(),
    patientId: () => p.manyToOne(Patient).mapToPk().joinColumn('patient_id'),
    source: p.enum(SOURCES),
    priority: p.integer(),
    status: p.enum(WAITLIST_STATUSES),
    requestedAt: p.datetime(),
    createdAt: p.datetime(),
    closedAt: p.datetime().nullable(),
    displacedTokenId: p.uuid().nullable(),
    promotedTokenId: p.uuid().nullable(),
    cancelReason: p.text().nullable(),
    notes: p.text(),
  },
});
export type WaitlistEntry = InferEntity<typeof WaitlistEntry>;
