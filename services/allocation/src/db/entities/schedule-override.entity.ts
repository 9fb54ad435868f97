import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { Session } from '@opd/engine';
import { Doctor } from './doctor.entity.js';

/** A date on which a doctor does not follow the weekly template: leave, or other sessions. */
export const ScheduleOverride = defineEntity({
  name: 'ScheduleOverride',
  properties: {
    doctorId: () => p.manyToOne(Doctor).mapToPk().joinColumn('doctor_id').primary(),
    date: p.string().columnType('date').primary(),
    kind: p.enum(['LEAVE', 'SESSIONS'] as const),
    sessions: p.json<Session[]>(),
    reason: p.text(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type ScheduleOverride = InferEntity<typeof ScheduleOverride>;
