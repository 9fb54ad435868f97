// The doctor-day board, live: slots with occupancy, tokens by status and source, the waitlist,
// and the token actions on keys (↑/↓ select, I check in, D complete, N no-show, X cancel).
// A key acts only on a token the clerk moved to, visibly selected; typing in a box (doctor,
// find, date) never reaches the list. Alt+F finds a token by number, name or phone.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DoctorDayRef } from '../../../shared/ipc-contract.js';
import { tokenActions, type ActionName } from '../../../shared/token-actions.js';
import type { BoardView, TokenView } from '../../../shared/views.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { PrintNote } from '../../components/PrintNote.js';
import { todayIn } from '../../dates.js';
import { useLiveBoard } from '../../hooks/use-live-board.js';
import { useNow } from '../../hooks/use-now.js';
import { useShortcuts } from '../../hooks/use-shortcuts.js';
import { useFormat } from '../../i18n/use-format.js';
import { call, OpdError } from '../../opd.js';
import { useSettings } from '../../settings.js';
import { BoardDoctorField } from './BoardDoctorField.js';
import { findToken, readFindQuery } from './find-token.js';
import { SlotRows } from './SlotRows.js';
import { TokenActions, useRefusalText } from './TokenActions.js';
import { useReprint } from './use-reprint.js';
import { useTokenAction, type ActionDone } from './use-token-action.js';
import { WaitlistPanel } from './WaitlistPanel.js';

const KEYS: Readonly<Record<string, ActionName>> = {
  i: 'checkIn',
  d: 'complete',
  n: 'noShow',
  x: 'cancel',
};

/** Tokens in the order the board shows them: by slot, then by token number. */
const inBoardOrder = (board: BoardView | undefined): TokenView[] =>
  (board?.slots ?? []).flatMap(
    (slot) => board?.tokens.filter((t) => t.slotId === slot.slotId) ?? [],
  );

/** Tokens that appeared since the last snapshot, highlighted for a moment. */
function useFreshTokens(board: BoardView | undefined): ReadonlySet<string> {
  const known = useRef<Set<string> | null>(null);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    if (!board) return;
    const ids = new Set(board.tokens.map((t) => t.tokenId));
    if (known.current !== null) {
      const added = [...ids].filter((id) => !known.current?.has(id));
      if (added.length > 0) setFresh(new Set(added));
    }
    known.current = ids;
  }, [board]);
  return fresh;
}

interface Props {
  readonly initial: DoctorDayRef | null;
  onChange(day: DoctorDayRef): void;
}

export function BoardScreen({ initial, onChange }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const { timeZone, noShowGraceMinutes } = useSettings();
  const doctors = useQuery({
    queryKey: ['doctors', false],
    queryFn: () => call('listDoctors', { includeInactive: false }),
  });
  const [chosen, setChosen] = useState<string | null>(initial?.doctorId ?? null);
  const [date, setDate] = useState(initial?.date ?? todayIn(timeZone));
  const doctorId = chosen ?? doctors.data?.[0]?.doctorId ?? null;
  const doctor = doctors.data?.find((d) => d.doctorId === doctorId) ?? null;
  const { board, watch } = useLiveBoard(doctorId, date);
  const now = useNow(10_000);
  const fresh = useFreshTokens(board.data);
  const action = useTokenAction();
  const refusalText = useRefusalText();
  // Only ever set by the clerk (arrows, a click, Find): never a default row.
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [findText, setFindText] = useState('');
  const [listFocusWanted, setListFocusWanted] = useState(false);
  const reprint = useReprint(doctor);
  const listRef = useRef<HTMLDivElement>(null);
  const doctorRef = useRef<HTMLInputElement>(null);
  const dateRef = useRef<HTMLInputElement>(null);
  const findRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (doctorId !== null) onChange({ doctorId, date });
  }, [doctorId, date, onChange]);
  // A new day on screen: nothing is selected, and the first keys go to Find.
  useEffect(() => {
    setSelectedId(null);
    setConfirming(false);
  }, [doctorId, date]);
  useEffect(() => findRef.current?.focus(), []);
  const loaded = board.data !== undefined;
  useEffect(() => {
    if (!listFocusWanted || !loaded) return;
    listRef.current?.focus();
    setListFocusWanted(false);
  }, [listFocusWanted, loaded]);

  const ordered = useMemo(() => inBoardOrder(board.data), [board.data]);
  const selected = ordered.find((tk) => tk.tokenId === selectedId) ?? null;
  const availability = selected
    ? tokenActions(selected, now, { graceMinutes: noShowGraceMinutes })
    : null;

  const doneText = (done: ActionDone): string =>
    [
      t(`board.done.${done.action}`, { number: done.token.tokenNumber }),
      ...done.promoted.map((p) =>
        t('board.promoted', { number: p.tokenNumber, patient: p.patientName }),
      ),
    ].join(' ');

  const run = (name: ActionName, token: TokenView, reason = '') => {
    setConfirming(false);
    setMessage(null);
    action.mutate(
      { action: name, token, reason },
      { onSuccess: (done) => setMessage(doneText(done)) },
    );
    listRef.current?.focus();
  };

  const act = (name: ActionName) => {
    if (!selected || !availability) {
      setMessage(t('board.moveFirst'));
      return;
    }
    const state = availability[name];
    if (!state.allowed) {
      setMessage(refusalText(state.refusal));
      return;
    }
    if (name === 'cancel') {
      setConfirming(true);
      return;
    }
    run(name, selected);
  };

  const reprintSelected = () => {
    if (!selected) {
      setMessage(t('board.moveFirst'));
      return;
    }
    const printing = reprint.request(selected);
    setMessage(
      printing
        ? null
        : t('board.why.notAllocated', { status: t(`statusWords.${selected.status}`) }),
    );
    listRef.current?.focus();
  };

  const move = (step: number) => {
    if (ordered.length === 0) return;
    const index = selected ? ordered.indexOf(selected) : step > 0 ? -1 : 0;
    const next = ordered[Math.min(ordered.length - 1, Math.max(0, index + step))];
    if (next) setSelectedId(next.tokenId);
    setConfirming(false);
    setMessage(null);
  };

  const find = async () => {
    const query = readFindQuery(findText);
    if (query === null) return;
    let patientId: string | null = null;
    if (query.kind === 'phone') {
      const lookup = await call('findPatient', { phone: query.phone }).catch(() => null);
      patientId = lookup?.found ? lookup.patient.patientId : null;
    }
    const token = findToken(ordered, query, patientId);
    if (!token) {
      setMessage(t('board.noFind', { query: findText.trim() }));
      return;
    }
    setSelectedId(token.tokenId);
    setConfirming(false);
    setMessage(null);
    setFindText('');
    listRef.current?.focus();
  };

  const onListKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    const named = KEYS[key];
    if (key === 'ArrowDown' || key === 'j') move(1);
    else if (key === 'ArrowUp' || key === 'k') move(-1);
    else if (named) act(named);
    else if (key === 'p') reprintSelected();
    else if (key === 'Escape') setConfirming(false);
    else return;
    event.preventDefault();
  };

  useShortcuts({
    'Alt+o': () => doctorRef.current?.focus(),
    'Alt+d': () => dateRef.current?.focus(),
    'Alt+f': () => findRef.current?.focus(),
    'Alt+l': () => listRef.current?.focus(),
  });

  return (
    <div className="board-screen">
      <div className="board-controls">
        <BoardDoctorField
          doctors={doctors.data ?? []}
          chosen={doctor}
          inputRef={doctorRef}
          onChoose={(id) => {
            setChosen(id);
            setListFocusWanted(true);
          }}
        />
        <label className="field">
          <span>
            {t('board.date')} <kbd>Alt+D</kbd>
          </span>
          <input
            ref={dateRef}
            type="date"
            name="board-date"
            value={date}
            onChange={(e) => e.target.value && setDate(e.target.value)}
          />
        </label>
        <label className="field board-find">
          <span>
            {t('board.find')} <kbd>Alt+F</kbd>
          </span>
          <input
            ref={findRef}
            name="board-find"
            autoComplete="off"
            placeholder={t('board.findPlaceholder')}
            value={findText}
            onChange={(e) => setFindText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              e.preventDefault();
              void find();
            }}
          />
        </label>
        <span className={`live live-${watch?.state ?? 'connecting'}`} data-testid="live-state">
          {watch?.state === 'live' && t('board.live')}
          {watch?.state === 'reconnecting' && t('board.reconnecting')}
          {watch?.state === 'failed' && t('board.notLive')}
          {watch === null && t('board.connecting')}
        </span>
      </div>
      {doctor && (
        <h2 className="board-heading">
          {t('board.heading', { doctor: doctor.displayName, date: format.day(date) })}
        </h2>
      )}
      {watch?.error && <ErrorMessage error={new OpdError(watch.error)} />}
      <ErrorMessage error={doctors.error ?? board.error} />
      {doctors.data?.length === 0 && <p className="hint">{t('board.noDoctors')}</p>}
      <div className="board-body">
        {board.data && (
          <SlotRows
            board={board.data}
            doctor={doctor}
            now={now}
            selectedId={selected?.tokenId ?? null}
            listRef={listRef}
            fresh={fresh}
            onSelect={(id) => {
              setSelectedId(id);
              setConfirming(false);
              listRef.current?.focus();
            }}
            onKeyDown={onListKey}
          />
        )}
        <aside className="board-side">
          <TokenActions
            token={selected}
            availability={availability}
            busy={action.isPending}
            confirmingCancel={confirming}
            onAction={act}
            onReprint={reprintSelected}
            onCancel={(reason) => selected && run('cancel', selected, reason)}
            onKeep={() => {
              setConfirming(false);
              listRef.current?.focus();
            }}
          />
          {message && (
            <p className="message" role="status" data-testid="board-message">
              {message}
            </p>
          )}
          <ErrorMessage error={action.error} />
          <PrintNote outcome={reprint.printer.outcome} error={reprint.printer.error} />
          {board.data && <WaitlistPanel entries={board.data.waitlist} />}
        </aside>
      </div>
      {reprint.slip}
    </div>
  );
}
