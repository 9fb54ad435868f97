// The doctor-day board, live: slots with occupancy, tokens by status and source, the waitlist,
// and the token actions on keys (↑/↓ select, I check in, D complete, N no-show, X cancel).
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { DoctorDayRef } from '../../../shared/ipc-contract.js';
import { tokenActions, type ActionName } from '../../../shared/token-actions.js';
import type { BoardView, TokenView } from '../../../shared/views.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { todayIn } from '../../dates.js';
import { useLiveBoard } from '../../hooks/use-live-board.js';
import { useNow } from '../../hooks/use-now.js';
import { useShortcuts } from '../../hooks/use-shortcuts.js';
import { call, OpdError } from '../../opd.js';
import { useSettings } from '../../settings.js';
import { SlotRows } from './SlotRows.js';
import { TokenActions } from './TokenActions.js';
import { useTokenAction } from './use-token-action.js';
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
  const { timeZone, noShowGraceMinutes } = useSettings();
  const doctors = useQuery({
    queryKey: ['doctors', false],
    queryFn: () => call('listDoctors', { includeInactive: false }),
  });
  const [chosen, setChosen] = useState<string | null>(initial?.doctorId ?? null);
  const [date, setDate] = useState(initial?.date ?? todayIn(timeZone));
  const doctorId = chosen ?? doctors.data?.[0]?.doctorId ?? null;
  const { board, watch } = useLiveBoard(doctorId, date);
  const now = useNow(10_000);
  const fresh = useFreshTokens(board.data);
  const action = useTokenAction();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const doctorRef = useRef<HTMLSelectElement>(null);
  const dateRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (doctorId !== null) onChange({ doctorId, date });
  }, [doctorId, date, onChange]);

  const ordered = useMemo(() => inBoardOrder(board.data), [board.data]);
  const selected = ordered.find((t) => t.tokenId === selectedId) ?? ordered[0] ?? null;
  const availability = selected
    ? tokenActions(selected, now, { graceMinutes: noShowGraceMinutes, timeZone })
    : null;

  // Once the board is there, the next keystroke goes to the token list.
  const loaded = board.data !== undefined;
  useEffect(() => {
    if (loaded) listRef.current?.focus();
  }, [loaded, doctorId, date]);

  const act = (name: ActionName) => {
    if (!selected || !availability) return;
    const state = availability[name];
    if (!state.allowed) {
      setMessage(state.why);
      return;
    }
    if (name === 'cancel' && !confirming) {
      setConfirming(true);
      listRef.current?.focus();
      return;
    }
    setConfirming(false);
    setMessage(null);
    action.mutate({ action: name, token: selected }, { onSuccess: (text) => setMessage(text) });
    listRef.current?.focus();
  };

  const move = (step: number) => {
    if (ordered.length === 0) return;
    const index = selected ? ordered.indexOf(selected) : -1;
    const next = ordered[Math.min(ordered.length - 1, Math.max(0, index + step))];
    if (next) setSelectedId(next.tokenId);
    setConfirming(false);
  };

  const onListKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    const named = KEYS[key];
    if (key === 'ArrowDown' || key === 'j') move(1);
    else if (key === 'ArrowUp' || key === 'k') move(-1);
    else if (named) act(named);
    else if (key === 'Enter' && confirming) act('cancel');
    else if (key === 'Escape') setConfirming(false);
    else return;
    event.preventDefault();
  };

  useShortcuts({
    'Alt+o': () => doctorRef.current?.focus(),
    'Alt+d': () => dateRef.current?.focus(),
    'Alt+l': () => listRef.current?.focus(),
  });

  return (
    <div className="board-screen">
      <div className="board-controls">
        <label className="field">
          <span>
            Doctor <kbd>Alt+O</kbd>
          </span>
          <select
            ref={doctorRef}
            name="board-doctor"
            value={doctorId ?? ''}
            onChange={(e) => {
              setChosen(e.target.value);
              setSelectedId(null);
            }}
          >
            {(doctors.data ?? []).map((d) => (
              <option key={d.doctorId} value={d.doctorId}>
                {d.displayName} — {d.department}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>
            Date <kbd>Alt+D</kbd>
          </span>
          <input
            ref={dateRef}
            type="date"
            name="board-date"
            value={date}
            onChange={(e) => e.target.value && setDate(e.target.value)}
          />
        </label>
        <span className={`live live-${watch?.state ?? 'connecting'}`} data-testid="live-state">
          {watch?.state === 'live' && '● Live'}
          {watch?.state === 'reconnecting' && 'Reconnecting…'}
          {watch?.state === 'failed' && 'Not live'}
          {watch === null && 'Connecting…'}
        </span>
        {watch?.error && <ErrorMessage error={new OpdError(watch.error)} />}
      </div>
      <ErrorMessage error={doctors.error ?? board.error} />
      {doctors.data?.length === 0 && <p className="hint">No doctors yet: add one under Doctors.</p>}
      <div className="board-body">
        {board.data && (
          <SlotRows
            board={board.data}
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
          />
          {message && (
            <p className="message" role="status" data-testid="board-message">
              {message}
            </p>
          )}
          <ErrorMessage error={action.error} />
          {board.data && <WaitlistPanel entries={board.data.waitlist} timeZone={timeZone} />}
        </aside>
      </div>
    </div>
  );
}
