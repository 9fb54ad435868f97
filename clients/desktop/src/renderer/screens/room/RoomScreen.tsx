// The doctor's room: the called patient, the room queue with expected times and places, and
// one key each — Space call next, R recall, S skip, C complete, T transfer, Ctrl+Z undo. The
// board is live (a check-in at the counter shows up here at once). Keys never act while the
// focus is in a text box, and a key that cannot act now says why instead.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TransferResult } from '../../../shared/ipc-contract.js';
import { roomState, type RoomKey } from '../../../shared/room-actions.js';
import type { DoctorView } from '../../../shared/views.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { todayIn } from '../../dates.js';
import { useLiveBoard } from '../../hooks/use-live-board.js';
import { useNow } from '../../hooks/use-now.js';
import { useShortcuts } from '../../hooks/use-shortcuts.js';
import { useFormat } from '../../i18n/use-format.js';
import { useTokenWords } from '../../i18n/use-token-words.js';
import { call, OpdError } from '../../opd.js';
import { useSettings } from '../../settings.js';
import { BoardDoctorField } from '../board/BoardDoctorField.js';
import { CalledPanel } from './CalledPanel.js';
import { useRoomWords } from './room-words.js';
import { RoomQueue } from './RoomQueue.js';
import { TransferDialog } from './TransferDialog.js';
import { useRoomAction, type RoomMove } from './use-room-action.js';

const KEYS: readonly { key: RoomKey; kbd: string }[] = [
  { key: 'callNext', kbd: 'Space' },
  { key: 'recall', kbd: 'R' },
  { key: 'skip', kbd: 'S' },
  { key: 'complete', kbd: 'C' },
  { key: 'transfer', kbd: 'T' },
  { key: 'undo', kbd: 'Ctrl+Z' },
];

interface Props {
  readonly doctorId: string | null;
  onDoctor(doctorId: string): void;
}

export function RoomScreen({ doctorId: chosen, onDoctor }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const { timeZone } = useSettings();
  const doctors = useQuery({
    queryKey: ['doctors', false],
    queryFn: () => call('listDoctors', { includeInactive: false }),
  });
  const doctorId = chosen ?? doctors.data?.[0]?.doctorId ?? null;
  const doctor = doctors.data?.find((d) => d.doctorId === doctorId) ?? null;
  const now = useNow(5_000);
  const today = todayIn(timeZone);
  const { board, watch } = useLiveBoard(doctorId, today);
  const action = useRoomAction();
  const words = useRoomWords(doctor);
  const tokenWords = useTokenWords();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [transferring, setTransferring] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const doctorRef = useRef<HTMLInputElement>(null);
  // The room's keys need the focus out of the doctor box: on the queue, once it is drawn.
  const [listFocusWanted, setListFocusWanted] = useState(true);
  useEffect(() => {
    setSelectedId(null);
    setMessage(null);
  }, [doctorId]);

  const selected = board.data?.tokens.find(
    (tk) => tk.tokenId === selectedId && tk.status === 'CHECKED_IN',
  );
  const state = board.data ? roomState(board.data, now, today, selected ?? null) : null;
  const transferToken = selected ?? state?.called ?? null;
  const notArrived = board.data?.tokens.filter((tk) => tk.status === 'ALLOCATED').length ?? 0;
  const drawn = state !== null;
  useEffect(() => {
    if (!listFocusWanted || !drawn) return;
    listRef.current?.focus();
    setListFocusWanted(false);
  }, [listFocusWanted, drawn]);

  const why = (key: RoomKey): string | undefined => {
    const availability = state?.keys[key];
    return availability && !availability.allowed ? words.refusal(availability.refusal) : undefined;
  };

  // A key pressed while the last one is still on its way waits for its answer, then acts on
  // the board as that answer left it (C then Space in quick succession: complete, then call).
  const waiting = useRef<RoomKey | null>(null);
  const press = (key: RoomKey) => {
    if (action.isPending) {
      waiting.current = key;
      return;
    }
    if (state === null || doctorId === null) return;
    const availability = state.keys[key];
    if (!availability.allowed) {
      setMessage(words.refusal(availability.refusal));
      return;
    }
    setMessage(null);
    if (key === 'transfer') {
      setTransferring(true);
      return;
    }
    const move: RoomMove = key;
    action.mutate(
      { move, doctorId, date: today, token: move === 'undo' ? state.undoable : state.called },
      { onSuccess: (done) => setMessage(words.done(done)) },
    );
  };

  const pending = action.isPending;
  useEffect(() => {
    if (pending || waiting.current === null) return;
    const key = waiting.current;
    waiting.current = null;
    press(key);
  });

  const transferred = (result: TransferResult, to: DoctorView) => {
    setTransferring(false);
    setSelectedId(null);
    setMessage(
      [
        t('room.done.transfer', {
          label: words.label(result.token),
          doctor: to.displayName,
          newLabel: tokenWords.label(result.newToken.tokenNumber, to),
        }),
        ...(result.preemption
          ? [
              t('transfer.preempted', {
                number: result.preemption.tokenNumber,
                position: result.preemption.waitlistPosition,
              }),
            ]
          : []),
      ].join(' '),
    );
    listRef.current?.focus();
  };

  useShortcuts(
    {
      ' ': () => press('callNext'),
      r: () => press('recall'),
      s: () => press('skip'),
      c: () => press('complete'),
      t: () => press('transfer'),
      'Ctrl+z': () => press('undo'),
      'Alt+o': () => doctorRef.current?.focus(),
      'Alt+l': () => listRef.current?.focus(),
    },
    !transferring,
  );

  const heading = doctor
    ? t(doctor.room ? 'room.heading' : 'room.headingNoRoom', {
        doctor: doctor.displayName,
        room: doctor.room,
        date: format.day(today),
      })
    : null;

  return (
    <div className="room-screen" data-testid="room-screen">
      <div className="board-controls">
        <BoardDoctorField
          doctors={doctors.data ?? []}
          chosen={doctor}
          inputRef={doctorRef}
          onChoose={(id) => {
            onDoctor(id);
            setListFocusWanted(true);
          }}
        />
        <span className={`live live-${watch?.state ?? 'connecting'}`} data-testid="live-state">
          {watch?.state === 'live' && t('board.live')}
          {watch?.state === 'reconnecting' && t('board.reconnecting')}
          {watch?.state === 'failed' && t('board.notLive')}
          {watch === null && t('board.connecting')}
        </span>
      </div>
      {heading && <h2 className="board-heading">{heading}</h2>}
      {watch?.error && <ErrorMessage error={new OpdError(watch.error)} />}
      <ErrorMessage error={doctors.error ?? board.error} />
      <div className="room-keys" role="toolbar" aria-label={t('room.keysRegion')}>
        {KEYS.map(({ key, kbd }) => (
          <button
            key={key}
            data-key={key}
            tabIndex={-1}
            disabled={!state?.keys[key].allowed}
            title={why(key)}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => press(key)}
          >
            {t(`room.${key}`)} <kbd>{kbd === 'Space' ? t('room.space') : kbd}</kbd>
          </button>
        ))}
      </div>
      {message && (
        <p className="message" role="status" data-testid="room-message">
          {message}
        </p>
      )}
      <ErrorMessage error={action.error} testId="room-error" />
      {state && (
        <div className="room-body">
          <CalledPanel
            called={state.called}
            label={state.called ? words.label(state.called) : null}
          />
          <RoomQueue
            queue={state.queue}
            doctor={doctor}
            notArrived={notArrived}
            selectedId={selected?.tokenId ?? null}
            listRef={listRef}
            onSelect={setSelectedId}
          />
        </div>
      )}
      {transferring && transferToken && (
        <TransferDialog
          token={transferToken}
          label={words.label(transferToken)}
          doctors={doctors.data ?? []}
          onDone={transferred}
          onKeep={() => {
            setTransferring(false);
            listRef.current?.focus();
          }}
        />
      )}
    </div>
  );
}
