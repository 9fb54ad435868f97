import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Who did what to which doctor-day, token or patient, from which client, and how it ended. */
export const AuditEntry = defineEntity({
  name: 'AuditEntry',
  properties: {
    id: p.uuid().primary(),
    /** Assigned by the database on insert; the trail's order. */
    seq: p.bigint('number').persist(false),
    occurredAt: p.datetime(),
    keyName: p.text(),
    role: p.text(),
    peer: p.text(),
    userAgent: p.text(),
    action: p.text(),
    requestId: p.text(),
    outcomeCode: p.integer(),
    outcomeReason: p.text(),
    replayed: p.boolean(),
    doctorId: p.uuid().nullable(),
    doctorDayId: p.uuid().nullable(),
    date: p.string().columnType('date').nullable(),
    tokenId: p.uuid().nullable(),
    waitlistEntryId: p.uuid().nullable(),
    patientId: p.uuid().nullable(),
  },
});
export type AuditEntry = InferEntity<typeof AuditEntry>;
