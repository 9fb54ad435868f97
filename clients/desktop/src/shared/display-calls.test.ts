import { describe, expect, it } from '@jest/globals';
import { announcementOf } from './display-calls.js';
import type { RoomDisplayView } from './views.js';

const room = (called: RoomDisplayView['called'], sequence = 1): RoomDisplayView => ({
  doctorId: 'd',
  date: '2026-11-30',
  doctorDisplayName: 'Dr. Meera Rao',
  room: 'OPD 2, Room 14',
  called,
  next: [],
  queueLength: 0,
  sequence,
});
const seven = (recallCount = 0) => ({
  tokenId: 't7',
  tokenNumber: 7,
  callTime: '2026-11-30T06:00:00.000Z',
  recallCount,
});

describe('what the waiting room hears', () => {
  it('announces a newly called token', () => {
    expect(announcementOf(room(null), room(seven(), 2))).toEqual({
      kind: 'call',
      tokenId: 't7',
      tokenNumber: 7,
    });
    const eight = { ...seven(), tokenId: 't8', tokenNumber: 8 };
    expect(announcementOf(room(seven()), room(eight))).toMatchObject({
      kind: 'call',
      tokenNumber: 8,
    });
  });

  it('announces a recall, once per recall', () => {
    expect(announcementOf(room(seven(0)), room(seven(1)))).toMatchObject({ kind: 'recall' });
    expect(announcementOf(room(seven(1)), room(seven(1)))).toBeNull();
  });

  it('stays quiet on the first snapshot, after a skip and after anything else', () => {
    expect(announcementOf(null, room(seven()))).toBeNull();
    expect(announcementOf(room(seven()), room(null))).toBeNull();
  });
});
