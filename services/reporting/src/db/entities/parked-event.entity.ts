import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Why an event was set aside. */
export const PARK_REASONS = [
  'UNDECODABLE',
  'INVALID_EVENT',
  'APPLY_FAILED',
  'SEQUENCE_GAP',
] as const;
export type ParkReason = (typeof PARK_REASONS)[number];

/**
 * A poison event: one that could not be decoded or applied after bounded retries, kept with
 * its error and bytes for an operator. What is known of it may be partial (an undecodable
 * body has no event id), so its identifying fields are text and nullable.
 */
export const ParkedEvent = defineEntity({
  name: 'ParkedEvent',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    streamName: p.text(),
    streamSequence: p.bigint('number'),
    subject: p.text(),
    eventId: p.text().nullable(),
    doctorDayId: p.text().nullable(),
    sequence: p.bigint('number').nullable(),
    eventType: p.text().nullable(),
    reason: p.enum(PARK_REASONS),
    error: p.text(),
    deliveries: p.integer(),
    payload: p.blob(),
    parkedAt: p.datetime(),
  },
});
export type ParkedEvent = InferEntity<typeof ParkedEvent>;
