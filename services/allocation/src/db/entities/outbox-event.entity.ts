import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** An event committed with the change it describes, waiting for the relay to publish it. */
export const OutboxEvent = defineEntity({
  name: 'OutboxEvent',
  properties: {
    id: p.uuid().primary(),
    doctorDayId: p.uuid(),
    sequence: p.bigint('number'),
    eventType: p.text(),
    payload: p.blob(),
    occurredAt: p.datetime(),
    createdAt: p.datetime(),
    publishedAt: p.datetime().nullable(),
  },
});
export type OutboxEvent = InferEntity<typeof OutboxEvent>;
