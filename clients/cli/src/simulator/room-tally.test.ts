import { describe, expect, it } from '@jest/globals';
import { RoomTally } from './room-tally.js';

describe('counting what the simulated rooms did', () => {
  it("gives each room's pace, counts and median consultation, and totals over the rooms", () => {
    const tally = new RoomTally([
      { id: 'a', name: 'Dr. Meera Rao', pace: 9.26 },
      { id: 'b', name: 'Dr. Arjun Nair', pace: 12 },
    ]);
    for (const minutes of [8, 12, 9, 30]) {
      tally.add('a', 'calls');
      tally.add('a', 'seen');
      tally.consulted('a', minutes);
    }
    tally.add('a', 'skips');
    tally.add('b', 'calls');
    expect(tally.count('calls')).toBe(5);
    expect(tally.count('calls', 'b')).toBe(1);
    expect(tally.table()).toEqual([
      'ROOM                PACE  CALLS  RECALLS  SKIPS  SEEN  TRANSFERRED  MEDIAN_CONSULTATION',
      'Dr. Meera Rao    9.3 min      4        0      1     4            0             10.5 min',
      'Dr. Arjun Nair  12.0 min      1        0      0     0            0                    -',
    ]);
  });
});
