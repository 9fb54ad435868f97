import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** One doctor on one local date, as reports see it (see DoctorDayRow). */
export const DoctorDay = defineEntity({
  name: 'DoctorDay',
  properties: {
    doctorDayId: p.uuid().primary(),
    doctorId: p.uuid(),
    date: p.string().columnType('date'),
    doctorDisplayName: p.text(),
    department: p.text(),
    timeZone: p.text(),
    slotCount: p.integer(),
    capacity: p.integer(),
    waitlistAddedCount: p.integer(),
    waitlistPromotedCount: p.integer(),
    waitlistCancelledCount: p.integer(),
    waitlistExpiredCount: p.integer(),
    callCount: p.integer(),
    recallCount: p.integer(),
    skipCount: p.integer(),
    transferredOutCount: p.integer(),
    transferredInCount: p.integer(),
    undoCount: p.integer(),
    openedAt: p.datetime(),
  },
});
export type DoctorDay = InferEntity<typeof DoctorDay>;
