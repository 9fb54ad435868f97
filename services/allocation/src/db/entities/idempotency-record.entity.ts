import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** The stored answer to a mutation, so that a retry with the same request_id gets it again. */
export const IdempotencyRecord = defineEntity({
  name: 'IdempotencyRecord',
  properties: {
    caller: p.text().primary(),
    requestId: p.text().primary(),
    method: p.text(),
    requestHash: p.text(),
    response: p.blob(),
    createdAt: p.datetime(),
  },
});
export type IdempotencyRecord = InferEntity<typeof IdempotencyRecord>;
