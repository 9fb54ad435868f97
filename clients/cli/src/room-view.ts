// The doctor's room as the terminal shows it: the queue, and one sentence per room operation.
import {
  type CallNextResponse,
  type DoctorDayBoard,
  type Token,
  TokenStatus,
  type TransferTokenResponse,
  type UndoTokenTransitionResponse,
} from '@opd/api';
import {
  clock,
  describePreemption,
  describePromotion,
  minutesBetween,
  moveWords,
  sourceName,
  times,
  tokenSlotLabel,
  tokenStatusName,
} from './format.js';
import { renderTable } from './table.js';

/** "Dr. Meera Rao (ENT), OPD 2, Room 14" — the doctor and where they see patients. */
export const doctorAndRoom = (name: string, department: string, room: string): string =>
  `${name}${department ? ` (${department})` : ''}${room ? `, ${room}` : ''}`;

/** "token 7 (Asha Rao)" */
const named = (token: Token) => `token ${token.tokenNumber} (${token.patientName})`;

/** "place 3 in the queue, expected 10:54" for a queued token; empty otherwise. */
function placeOf(token: Token, zone: string): string {
  if (token.queuePlace <= 0) return '';
  const expected = token.expectedCallTime
    ? `, expected ${clock(zone, token.expectedCallTime)}`
    : '';
  return `place ${token.queuePlace} in the queue${expected}`;
}

/** The called token first, then the room queue in the order the room will call it. */
export function roomQueue(board: DoctorDayBoard): { called?: Token; queue: Token[] } {
  const byId = new Map(board.tokens.map((t) => [t.tokenId, t]));
  const called = board.calledTokenId ? byId.get(board.calledTokenId) : undefined;
  const queue = board.roomQueueTokenIds.flatMap((id) => byId.get(id) ?? []);
  return called ? { called, queue } : { queue };
}

/**
 * A doctor-day's room as the doctor reads it: who is in the room, then the queue with each
 * patient's place, token number, name and expected call time (local), skipped ones marked.
 */
export function renderQueue(board: DoctorDayBoard, department = ''): string[] {
  const zone = board.timeZone;
  const { called, queue } = roomQueue(board);
  const lines = [
    `${doctorAndRoom(board.doctorDisplayName, department, board.room || 'no room set')}  ` +
      `${board.date}  about ${board.consultationMinutes} min a patient`,
  ];
  const rows: string[][] = [];
  if (called) {
    const recalled = called.recallCount > 0 ? `, recalled ${times(called.recallCount)}` : '';
    rows.push([
      'in room',
      `#${called.tokenNumber}`,
      called.patientName,
      '',
      sourceName(called.source),
      `called ${clock(zone, called.callTime)}${recalled}`,
    ]);
  }
  for (const token of queue) {
    rows.push([
      String(token.queuePlace),
      `#${token.tokenNumber}`,
      token.patientName,
      clock(zone, token.expectedCallTime),
      sourceName(token.source),
      token.skipCount > 0 ? `skipped ${times(token.skipCount)}` : '',
    ]);
  }
  if (rows.length === 0) return [...lines, 'Nobody is waiting and nobody is called in.'];
  lines.push(
    ...renderTable(['PLACE', 'TOKEN', 'PATIENT', 'EXPECTED', 'SOURCE', 'NOTE'], rows, [
      'right',
      'right',
    ]),
  );
  const booked = board.tokens.filter((t) => t.status === TokenStatus.TOKEN_STATUS_ALLOCATED).length;
  lines.push(
    '',
    `${queue.length} waiting${booked > 0 ? `; ${booked} more booked, not checked in yet` : ''}.`,
  );
  return lines;
}

/** What `opd room next` prints. */
export function callLines(answer: CallNextResponse, doctorName: string, date: string): string[] {
  const token = answer.token;
  if (!token) return [`Nobody waiting for ${doctorName} on ${date}.`];
  const skipped = token.skipCount > 0 ? `, skipped ${times(token.skipCount)} before` : '';
  return [
    `Called token ${token.tokenNumber}: ${token.patientName} (${sourceName(token.source)}, ` +
      `slot ${tokenSlotLabel(token)}${skipped}).`,
    answer.queueLength > 0 ? `${answer.queueLength} still waiting.` : 'Nobody else is waiting.',
    `  token_id ${token.tokenId}`,
  ];
}

export const recallLines = (token: Token): string[] => [
  `Announced ${named(token)} again (recalled ${times(token.recallCount)}).`,
];

export function skipLines(token: Token, zone: string): string[] {
  const place = placeOf(token, zone);
  return [
    `Skipped ${named(token)}: back in the queue behind everyone not skipped` +
      `${place ? `, ${place}` : ''} (skipped ${times(token.skipCount)}).`,
    ...(token.skipCount >= 2
      ? [`  Skipped twice: it may be marked no-show now (\`opd token no-show ${token.tokenId}\`).`]
      : []),
  ];
}

export function completeLines(token: Token): string[] {
  const minutes = minutesBetween(token.callTime, token.completeTime);
  return [`Completed ${named(token)}${minutes ? ` after ${minutes} in the room` : ''}.`];
}

export function transferLines(
  answer: TransferTokenResponse,
  targetName: string,
  zone: string,
): string[] {
  const { token, newToken } = answer;
  if (!token || !newToken) return ['The service answered without the transferred tokens.'];
  const place = placeOf(newToken, zone);
  return [
    `Transferred ${named(token)} to ${targetName}: new token ${newToken.tokenNumber}, slot ${tokenSlotLabel(newToken)}, ` +
      `${tokenStatusName(newToken.status)}${place ? `, ${place}` : ''}.`,
    `  token_id ${newToken.tokenId}`,
    ...(answer.preemption
      ? [`  ${describePreemption(answer.preemption)}: tell that patient.`]
      : []),
    ...answer.promotions.map((p) => `  ${describePromotion(p)}`),
  ];
}

export function undoLines(answer: UndoTokenTransitionResponse, zone: string): string[] {
  const token = answer.token;
  if (!token) return ['Undone.'];
  const place = placeOf(token, zone);
  return [
    `Undid the ${moveWords(answer.undoneMove)} of ${named(token)}: ` +
      `${tokenStatusName(token.status)} again${place ? `, ${place}` : ''}.`,
  ];
}
