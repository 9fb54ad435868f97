// The waiting-room display hangs in a public room: its window may read rooms and numbers,
// never a patient's name or phone — not from the screen, and not through IPC either.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import {
  AllocationServiceService,
  DoctorDayBoard,
  Source,
  Token,
  TokenStatus,
  promiseClient,
} from '@opd/api';
import { DISPLAY_INVOKES } from '../../shared/ipc-contract.js';
import { createHandlers } from './index.js';
import { roomDisplayView } from './to-view.js';

// Nothing listens here: these calls are refused before any would be sent.
const allocation = promiseClient(AllocationServiceService, '127.0.0.1:9', { apiKey: 'k' });
const display = createHandlers(
  {
    clients: { allocation, room: allocation, reporting: null },
    settings: {
      timeZone: 'Asia/Kolkata',
      noShowGraceMinutes: 15,
      allocationAddress: '127.0.0.1:9',
      reportingAddress: null,
      language: 'en',
      languagesDir: null,
      exportTimeoutMs: 60_000,
      watchRefreshMs: 60_000,
      startScreen: 'issue',
      hospitalName: '',
      printSlipOnIssue: false,
      slipPrinter: null,
      tokenPrefixes: {},
      announceLanguages: ['en', 'hi'],
    },
    emit: () => undefined,
    chooseExportFile: async () => null,
    printSlip: async () => ({ printed: false, printer: null }),
    newId: randomUUID,
  },
  { only: DISPLAY_INVOKES },
);
afterAll(() => {
  display.dispose();
  allocation.close();
});

describe('the waiting-room display window', () => {
  it('is refused boards, patients and every change, and still reads its settings', async () => {
    const day = { doctorId: randomUUID(), date: '2026-11-30' };
    for (const [name, payload] of [
      ['getBoard', day],
      ['watchBoard', day],
      ['findPatient', { phone: '98450 12345' }],
      ['callNext', { ...day, requestId: randomUUID() }],
      ['printSlip', null],
    ] as const) {
      expect(await display.dispatch(name, payload)).toMatchObject({
        ok: false,
        error: { code: 'PERMISSION_DENIED', reason: 'NOT_FOR_THIS_WINDOW' },
      });
    }
    expect(await display.dispatch('getSettings', null)).toMatchObject({
      ok: true,
      value: { announceLanguages: ['en', 'hi'] },
    });
  });

  it('gets each room as numbers and times only: the called token and the next five', () => {
    const waiting = (n: number, place: number, source = Source.SOURCE_WALK_IN) =>
      Token.fromPartial({
        tokenId: `t${n}`,
        tokenNumber: n,
        patientName: `Patient ${n}`,
        notes: 'phone 98450 12345',
        source,
        status: TokenStatus.TOKEN_STATUS_CHECKED_IN,
        queuePlace: place,
        expectedCallTime: new Date(Date.UTC(2026, 10, 30, 6, 10 * place)),
      });
    const board = DoctorDayBoard.fromPartial({
      doctorId: 'd',
      date: '2026-11-30',
      sequence: 9,
      doctorDisplayName: 'Dr. Meera Rao',
      room: 'OPD 2, Room 14',
      roomQueueTokenIds: ['t9', 't2', 't3', 't4', 't5', 't6', 't7'],
      calledTokenId: 't1',
      tokens: [
        Token.fromPartial({
          tokenId: 't1',
          tokenNumber: 1,
          patientName: 'Asha Rao',
          status: TokenStatus.TOKEN_STATUS_CALLED,
          callTime: new Date(Date.UTC(2026, 10, 30, 6, 0)),
          recallCount: 2,
        }),
        ...[2, 3, 4, 5, 6, 7].map((n) => waiting(n, n)),
        waiting(9, 1, Source.SOURCE_EMERGENCY),
        Token.fromPartial({ tokenId: 't8', tokenNumber: 8, patientName: 'Ravi' }),
      ],
    });
    const view = roomDisplayView(board);
    expect(view).toMatchObject({ doctorDisplayName: 'Dr. Meera Rao', room: 'OPD 2, Room 14' });
    expect(view.called).toEqual({
      tokenId: 't1',
      tokenNumber: 1,
      callTime: '2026-11-30T06:00:00.000Z',
      recallCount: 2,
    });
    expect(view.next.map((t) => [t.tokenNumber, t.emergency])).toEqual([
      [9, true],
      [2, false],
      [3, false],
      [4, false],
      [5, false],
    ]);
    expect(view.queueLength).toBe(7);
    expect(JSON.stringify(view)).not.toMatch(/Asha|Ravi|Patient|98450/);
  });
});
