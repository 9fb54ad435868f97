import { renderTable } from '../table.js';

/** What a room did, counted. */
export const ROOM_COUNTS = ['calls', 'recalls', 'skips', 'seen', 'transferred'] as const;
export type RoomCount = (typeof ROOM_COUNTS)[number];

const HEADINGS: Readonly<Record<RoomCount, string>> = {
  calls: 'CALLS',
  recalls: 'RECALLS',
  skips: 'SKIPS',
  seen: 'SEEN',
  transferred: 'TRANSFERRED',
};

interface Room {
  readonly name: string;
  /** The doctor's usual consultation, simulated minutes. */
  readonly pace: number;
  readonly counts: Map<RoomCount, number>;
  /** Simulated minutes from call to completion of each patient seen. */
  readonly consultations: number[];
}

const median = (values: readonly number[]): number | undefined => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  if (sorted.length === 0) return undefined;
  return sorted.length % 2 === 1
    ? sorted[Math.floor(middle)]
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** Each doctor's room: its pace, what it did, and how long its consultations took. */
export class RoomTally {
  private readonly rooms = new Map<string, Room>();

  constructor(doctors: readonly { id: string; name: string; pace: number }[]) {
    for (const d of doctors) {
      this.rooms.set(d.id, { name: d.name, pace: d.pace, counts: new Map(), consultations: [] });
    }
  }

  add(doctorId: string, what: RoomCount): void {
    const counts = this.rooms.get(doctorId)?.counts;
    counts?.set(what, (counts.get(what) ?? 0) + 1);
  }

  /** A patient seen after `minutes` in the room. */
  consulted(doctorId: string, minutes: number): void {
    this.rooms.get(doctorId)?.consultations.push(minutes);
  }

  /** Over every room, or one doctor's. */
  count(what: RoomCount, doctorId?: string): number {
    const rooms = doctorId === undefined ? [...this.rooms.values()] : [this.rooms.get(doctorId)];
    return rooms.reduce((sum, room) => sum + (room?.counts.get(what) ?? 0), 0);
  }

  /** One row per room: pace, counts, and the median consultation it actually had. */
  table(): string[] {
    const rows = [...this.rooms.values()].map((room) => {
      const played = median(room.consultations);
      return [
        room.name,
        `${room.pace.toFixed(1)} min`,
        ...ROOM_COUNTS.map((what) => String(room.counts.get(what) ?? 0)),
        played === undefined ? '-' : `${played.toFixed(1)} min`,
      ];
    });
    return renderTable(
      ['ROOM', 'PACE', ...ROOM_COUNTS.map((what) => HEADINGS[what]), 'MEDIAN_CONSULTATION'],
      rows,
      ['left', ...Array.from({ length: ROOM_COUNTS.length + 2 }, () => 'right' as const)],
    );
  }
}
