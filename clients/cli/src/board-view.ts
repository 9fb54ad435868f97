import {
  type Doctor,
  type DoctorDayBoard,
  type Slot,
  TokenStatus,
  WaitlistEntryStatus,
} from '@opd/api';
import { clock, slotLabel, sourceName, tokenStatusName } from './format.js';
import { renderTable } from './table.js';

const HELD = new Set([
  TokenStatus.TOKEN_STATUS_ALLOCATED,
  TokenStatus.TOKEN_STATUS_CHECKED_IN,
  TokenStatus.TOKEN_STATUS_CALLED,
  TokenStatus.TOKEN_STATUS_COMPLETED,
]);

/**
 * A doctor-day as the counter reads it: each slot with its places and every token placed in
 * it (cancelled and displaced ones too, so the history is visible), then the waitlist.
 */
export function renderBoard(
  board: DoctorDayBoard,
  doctor: Doctor | undefined,
  now: Date = new Date(),
): string[] {
  const zone = board.timeZone;
  const title = doctor ? `${doctor.displayName} (${doctor.department})` : board.doctorId;
  const lines = [`${title}  ${board.date}  ${zone}  board version ${board.sequence}`];
  if (board.slots.length === 0) return [...lines, 'No slots: the doctor does not work this day.'];

  const rows: string[][] = [];
  // Ended slots nobody used say nothing to the counter: they fold into one row.
  let unused: Slot[] = [];
  const foldUnused = () => {
    const [first] = unused;
    const last = unused[unused.length - 1];
    if (first && last) {
      const places = unused.reduce((sum, s) => sum + s.capacity, 0);
      const label =
        unused.length === 1 ? slotLabel(first) : `${first.localStartTime}-${last.localEndTime}`;
      rows.push([label, `0/${places}`, '', '', '', `over, unused (${unused.length} slots)`]);
    }
    unused = [];
  };
  for (const slot of board.slots) {
    const tokens = board.tokens
      .filter((t) => t.slotId === slot.slotId)
      .sort((a, b) => a.tokenNumber - b.tokenNumber);
    const over = (slot.endTime?.getTime() ?? 0) <= now.getTime();
    if (over && tokens.length === 0) {
      unused.push(slot);
      continue;
    }
    foldUnused();
    const places = `${slot.occupancy}/${slot.capacity}`;
    if (tokens.length === 0) rows.push([slotLabel(slot), places, '', '', '', 'open']);
    tokens.forEach((t, i) =>
      rows.push([
        i === 0 ? slotLabel(slot) : '',
        i === 0 ? places : '',
        `#${t.tokenNumber}`,
        t.patientName,
        sourceName(t.source),
        tokenStatusName(t.status) + (t.protected ? ' (protected)' : ''),
      ]),
    );
  }
  foldUnused();
  lines.push(
    ...renderTable(['SLOT', 'PLACES', 'TOKEN', 'PATIENT', 'SOURCE', 'STATUS'], rows, [
      'left',
      'right',
      'right',
    ]),
  );

  // Only patients still waiting matter to the counter (closed entries, if a service
  // sends them, are history).
  const waiting = board.waitlistEntries.filter(
    (e) => e.status === WaitlistEntryStatus.WAITLIST_ENTRY_STATUS_WAITING,
  );
  const capacity = board.slots.reduce((sum, s) => sum + s.capacity, 0);
  const taken = board.slots.reduce((sum, s) => sum + s.occupancy, 0);
  const held = board.tokens.filter((t) => HELD.has(t.status)).length;
  lines.push(
    '',
    `${taken} of ${capacity} places taken (${held} tokens held), ` + `${waiting.length} waiting`,
  );
  if (waiting.length > 0) {
    lines.push(
      '',
      'WAITLIST',
      ...renderTable(
        ['POS', 'PATIENT', 'SOURCE', 'REQUESTED', 'WAITLIST_ENTRY_ID'],
        waiting.map((e) => [
          String(e.position),
          e.patientName,
          sourceName(e.source),
          clock(zone, e.requestTime),
          e.waitlistEntryId,
        ]),
        ['right'],
      ),
    );
  }
  return lines;
}
