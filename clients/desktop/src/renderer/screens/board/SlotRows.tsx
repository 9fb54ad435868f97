// The board's slots as rows with occupancy bars, each followed by its tokens. The tokens form
// one listbox: ↑/↓ select, and the board's keys act on the selection, which is kept in view.
// Slots that have ended without a token are left out: they only push today's work down.
import { useEffect, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { nextAsEmergency } from '../../../shared/token-label.js';
import type { BoardView, DoctorView, TokenView } from '../../../shared/views.js';
import { useTokenWords } from '../../i18n/use-token-words.js';

interface Props {
  readonly board: BoardView;
  readonly doctor: DoctorView | null;
  readonly now: Date;
  readonly selectedId: string | null;
  readonly listRef: RefObject<HTMLDivElement | null>;
  readonly fresh: ReadonlySet<string>;
  onSelect(tokenId: string): void;
  onKeyDown(event: KeyboardEvent<HTMLDivElement>): void;
}

function TokenRow(props: {
  token: TokenView;
  board: BoardView;
  doctor: DoctorView | null;
  selected: boolean;
  fresh: boolean;
  onSelect(): void;
}) {
  const { t } = useTranslation();
  const words = useTokenWords();
  const { token } = props;
  const by = props.board.tokens.find((other) => other.tokenId === token.preemptedByTokenId);
  const expected = words.expected(token);
  return (
    <div
      id={`token-${token.tokenId}`}
      role="option"
      aria-selected={props.selected}
      data-token-number={token.tokenNumber}
      data-status={token.status}
      className={[
        'token-row',
        `status-${token.status}`,
        `source-${token.source}`,
        props.selected ? 'selected' : '',
        props.fresh ? 'fresh' : '',
      ].join(' ')}
      onClick={props.onSelect}
    >
      <span className="number">#{words.label(token.tokenNumber, props.doctor)}</span>
      <span className="patient">{token.patientName}</span>
      <span className={`badge source-${token.source}`}>{t(`source.${token.source}`)}</span>
      <span className={`badge status-${token.status}`}>{t(`status.${token.status}`)}</span>
      {token.promoted && <span className="badge flag">{t('board.fromWaitlist')}</span>}
      {token.protected && <span className="badge flag">{t('board.protected')}</span>}
      {token.transferredFromTokenId !== '' && (
        <span className="badge flag">{t('board.transferredIn')}</span>
      )}
      {token.skipCount > 0 && token.status === 'CHECKED_IN' && (
        <span className="badge flag">{t('board.skipped', { count: token.skipCount })}</span>
      )}
      {token.queuePlace > 0 && (
        <span className="muted">{t('board.queuePlace', { place: token.queuePlace })}</span>
      )}
      {expected !== null && (
        <span className="expected" data-testid="expected">
          {nextAsEmergency(token) ? expected : t('board.expected', { time: expected })}
        </span>
      )}
      {token.status === 'TRANSFERRED' && (
        <span className="muted">{t('board.transferredOut', { reason: token.transferReason })}</span>
      )}
      {token.status === 'PREEMPTED' && (
        <span className="muted">
          {by
            ? t('board.gaveWayTo', { number: by.tokenNumber, source: t(`source.${by.source}`) })
            : t('board.gaveWay')}
        </span>
      )}
    </div>
  );
}

export function SlotRows(props: Props) {
  const { t } = useTranslation();
  const { board, selectedId } = props;
  useEffect(() => {
    if (selectedId)
      document.getElementById(`token-${selectedId}`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  if (board.slots.length === 0) return <p className="hint">{t('board.noSlots')}</p>;
  const tokensOf = (slotId: string) => board.tokens.filter((tk) => tk.slotId === slotId);
  const shown = board.slots.filter(
    (slot) => Date.parse(slot.endTime) > props.now.getTime() || tokensOf(slot.slotId).length > 0,
  );
  const hidden = board.slots.length - shown.length;
  return (
    <div className="slots-column">
      {hidden > 0 && (
        <p className="hint" data-testid="hidden-slots">
          {t('board.hiddenSlots', { count: hidden })}
        </p>
      )}
      <div
        ref={props.listRef}
        className="slots"
        role="listbox"
        tabIndex={0}
        aria-label={t('board.tokens')}
        aria-activedescendant={selectedId ? `token-${selectedId}` : undefined}
        onKeyDown={props.onKeyDown}
      >
        {shown.map((slot) => {
          const tokens = tokensOf(slot.slotId);
          const label = `${slot.localStartTime}–${slot.localEndTime}`;
          const percent = slot.capacity === 0 ? 100 : (100 * slot.occupancy) / slot.capacity;
          return (
            <div key={slot.slotId} role="group" aria-label={label} className="slot">
              <div className={`slot-head ${slot.full ? 'full' : 'open'}`}>
                <span className="slot-time">{label}</span>
                <span className="bar" aria-hidden="true">
                  <span style={{ width: `${Math.min(100, percent)}%` }} />
                </span>
                <span className="occupancy" data-testid={`occupancy-${slot.localStartTime}`}>
                  {slot.occupancy} / {slot.capacity}
                </span>
                {slot.full && <span className="badge full">{t('board.full')}</span>}
              </div>
              {tokens.map((token) => (
                <TokenRow
                  key={token.tokenId}
                  token={token}
                  board={board}
                  doctor={props.doctor}
                  selected={token.tokenId === selectedId}
                  fresh={props.fresh.has(token.tokenId)}
                  onSelect={() => props.onSelect(token.tokenId)}
                />
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
