import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * How far a doctor-day's events are in the read model: the gate every event passes (its row is
 * locked while the event is applied) and the figures GetProjectionStatus adds up.
 */
export const EventPosition = defineEntity({
  name: 'EventPosition',
  properties: {
    doctorDayId: p.uuid().primary(),
    /** The last sequence applied or passed over (a parked event); 0 before the first. */
    appliedSequence: p.bigint('number'),
    appliedCount: p.bigint('number'),
    /** Parked events this doctor-day went on without. */
    skippedCount: p.integer(),
    lastEventId: p.uuid().nullable(),
    lastEventOccurredAt: p.datetime().nullable(),
    lastAppliedAt: p.datetime().nullable(),
  },
});
export type EventPosition = InferEntity<typeof EventPosition>;
