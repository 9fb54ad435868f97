import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { SOURCE_NAMES, STATUS_NAMES } from '../../projections/names.js';

/** One token as reports see it (see TokenRow); listed by date, doctor and token number. */
export const TokenRecord = defineEntity({
  name: 'TokenRecord',
  properties: {
    tokenId: p.uuid().primary(),
    doctorDayId: p.uuid(),
    doctorId: p.uuid(),
    date: p.string().columnType('date'),
    tokenNumber: p.integer(),
    doctorDisplayName: p.text(),
    department: p.text(),
    patientId: p.uuid(),
    slotId: p.uuid(),
    slotStartTime: p.datetime().nullable(),
    source: p.enum(SOURCE_NAMES),
    priority: p.integer(),
    status: p.enum(STATUS_NAMES),
    requestTime: p.datetime(),
    allocateTime: p.datetime(),
    checkInTime: p.datetime().nullable(),
    completeTime: p.datetime().nullable(),
    cancelTime: p.datetime().nullable(),
    noShowTime: p.datetime().nullable(),
    preemptTime: p.datetime().nullable(),
    preempted: p.boolean(),
    promoted: p.boolean(),
    callTime: p.datetime().nullable(),
    skipCount: p.integer(),
    recallCount: p.integer(),
    transferTime: p.datetime().nullable(),
    transferredFromTokenId: p.uuid().nullable(),
    transferredToTokenId: p.uuid().nullable(),
    completedFromCall: p.boolean(),
  },
});
export type TokenRecord = InferEntity<typeof TokenRecord>;
