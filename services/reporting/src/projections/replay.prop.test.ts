import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { EventEnvelope } from '@opd/api';
import { aBusyMorning } from '../testing/doctor-day-script.js';
import { InMemoryReadModel } from '../testing/in-memory-read-model.js';
import { aMorningInTheRoom } from '../testing/room-day-script.js';

// Five doctors' mornings, two of them with a patient moved between their rooms, interleaved as
// the stream would carry them.
const mornings = [
  aBusyMorning(),
  aBusyMorning({ capacities: [1, 1, 1] }),
  aBusyMorning(),
  ...aMorningInTheRoom(),
];
const inOrder = mornings.flatMap((day) => day.events);
const reference = new InMemoryReadModel();
for (const event of inOrder) reference.apply(event);

/** A random delivery: any order, with some events delivered twice. */
const deliveries = fc
  .tuple(
    fc.shuffledSubarray(inOrder, { minLength: inOrder.length, maxLength: inOrder.length }),
    fc.array(fc.nat(inOrder.length - 1), { maxLength: 20 }),
  )
  .map(([shuffled, copies]) => {
    const out: EventEnvelope[] = [...shuffled];
    for (const i of copies) out.splice(i % (out.length + 1), 0, inOrder[i] as EventEnvelope);
    return out;
  });

describe('replaying the events of several doctor-days', () => {
  it('ends in the same tables when events arrive shuffled and reordered by sequence', () => {
    fc.assert(
      fc.property(deliveries, (events) => {
        const sorted = [...events].sort(
          (a, b) => a.doctorDayId.localeCompare(b.doctorDayId) || a.sequence - b.sequence,
        );
        const model = new InMemoryReadModel();
        for (const event of sorted) model.apply(event);
        expect(model.snapshot()).toEqual(reference.snapshot());
      }),
      { numRuns: 100 },
    );
  });

  it('ends in the same tables when early events are held back and copies are dropped', () => {
    fc.assert(
      fc.property(deliveries, (events) => {
        expect(InMemoryReadModel.deliver(events).snapshot()).toEqual(reference.snapshot());
      }),
      { numRuns: 100 },
    );
  });
});
