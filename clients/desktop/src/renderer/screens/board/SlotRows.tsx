// The board's slots as rows with occupancy bars, each followed by its tokens. The tokens form
// one listbox: ↑/↓ select, and the board's keys act on the selection.
import type { KeyboardEvent, RefObject } from 'react';
import type { BoardView, TokenView } from '../../../shared/views.js';
import { SOURCE_LABELS, STATUS_LABELS } from '../issue/labels.js';

interface Props {
  readonly board: BoardView;
  readonly selectedId: string | null;
  readonly listRef: RefObject<HTMLDivElement | null>;
  readonly fresh: ReadonlySet<string>;
  onSelect(tokenId: string): void;
  onKeyDown(event: KeyboardEvent<HTMLDivElement>): void;
}

function TokenRow(props: {
  token: TokenView;
  selected: boolean;
  fresh: boolean;
  onSelect(): void;
}) {
  const { token } = props;
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
      <span className="number">#{token.tokenNumber}</span>
      <span className="patient">{token.patientName}</span>
      <span className={`badge source-${token.source}`}>{SOURCE_LABELS[token.source]}</span>
      <span className={`badge status-${token.status}`}>{STATUS_LABELS[token.status]}</span>
      {token.promoted && <span className="badge flag">from waitlist</span>}
      {token.protected && <span className="badge flag">protected</span>}
      {token.preemptionReason && <span className="muted">{token.preemptionReason}</span>}
    </div>
  );
}

export function SlotRows(props: Props) {
  const { board } = props;
  if (board.slots.length === 0) {
    return <p className="hint">The doctor has no consultations on this day.</p>;
  }
  return (
    <div
      ref={props.listRef}
      className="slots"
      role="listbox"
      tabIndex={0}
      aria-label="Tokens by slot"
      aria-activedescendant={props.selectedId ? `token-${props.selectedId}` : undefined}
      onKeyDown={props.onKeyDown}
    >
      {board.slots.map((slot) => {
        const tokens = board.tokens.filter((t) => t.slotId === slot.slotId);
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
              {slot.full && <span className="badge full">Full</span>}
            </div>
            {tokens.map((token) => (
              <TokenRow
                key={token.tokenId}
                token={token}
                selected={token.tokenId === props.selectedId}
                fresh={props.fresh.has(token.tokenId)}
                onSelect={() => props.onSelect(token.tokenId)}
              />
            ))}
          </div>
        );
      })}
    </div>
  );
}
