import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { WeeklySchedule } from '@opd/engine';

/** A doctor and their weekly template. Templates are stored as the engine reads them. */
export const Doctor = defineEntity({
  name: 'Doctor',
  properties: {
    id: p.uuid().primary(),
    displayName: p.text(),
    department: p.text(),
    weeklySchedule: p.json<WeeklySchedule>(),
    active: p.boolean(),
    /** Where the doctor sees patients, e.g. "OPD 2, Room 14"; empty when not set. */
    room: p.text().default(''),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type Doctor = InferEntity<typeof Doctor>;
