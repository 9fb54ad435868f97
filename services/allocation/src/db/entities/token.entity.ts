import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { SOURCES, TOKEN_STATUSES } from '@opd/engine';
import { Slot } from './slot.entity.js';
import { Patient } from './patient.entity.js';
import { DoctorDay } from './doctor-day.entity.js';

/** A patient's place in a slot of a doctor-day, numbered in issue order. */
export const Token = defineEntity({
  name: 'Token',
  properties: {
    id: p.uuid().primary(),
    doctorDayId: () => p.manyToOne(DoctorDay).mapToPk().joinColumn('doctor_day_id'),
    number: p.integer(),
    patientId: () => p.manyToOne(Patient).mapToPk().joinColumn('patient_id'),
    slotId: () => p.manyToOne(Slot).mapToPk().joinColumn('slot_id'),
    source: p.enum(SOURCES),
    priority: p.integer(),
    status: p.enum(TOKEN_STATUSES),
    protected: p.boolean(),
    requestedAt: p.datetime(),
    allocatedAt: p.datetime(),
    checkedInAt: p.datetime().nullable(),
    completedAt: p.datetime().nullable(),
    cancelledAt: p.datetime().nullable(),
    noShowAt: p.datetime().nullable(),
    preemptedAt: p.datetime().nullable(),
    preemptedByTokenId: p.uuid().nullable(),
    preemptionReason: p.text().nullable(),
    promotedFromEntryId: p.uuid().nullable(),
    cancelReason: p.text().nullable(),
    notes: p.text(),
    calledAt: p.datetime().nullable(),
    skips: p.integer().default(0),
    lastSkippedAt: p.datetime().nullable(),
    recalls: p.integer().default(0),
    transferredAt: p.datetime().nullable(),
    transferReason: p.text().nullable(),
    transferredToDoctorDayId: p.uuid().nullable(),
    transferredToTokenId: p.uuid().nullable(),
    transferredFromDoctorDayId: p.uuid().nullable(),
    transferredFromTokenId: p.uuid().nullable(),
    graceFrom: p.datetime().nullable(),
    lastTransition: p.json<Record<string, unknown>>().nullable(),
  },
});
export type Token = InferEntity<typeof Token>;
