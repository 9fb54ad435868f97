import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** An event that is in the read model, written in the same transaction as its rows. */
export const AppliedEvent = defineEntity({
  name: 'AppliedEvent',
  properties: {
    eventId: p.uuid().primary(),
    doctorDayId: p.uuid(),
    sequence: p.bigint('number'),
    eventType: p.text(),
    occurredAt: p.datetime(),
    appliedAt: p.datetime(),
    /** Where it was in the stream, to find it again. */
    streamSequence: p.bigint('number'),
  },
});
export type AppliedEvent = InferEntity<typeof AppliedEvent>;
