// The room queue in the order the room calls it: place, token, patient, expected time. A
// listbox: ↑/↓ choose a waiting patient (for a transfer), Esc goes back to the called one.
import { useEffect, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { TokenView } from '../../../shared/views.js';
import { useTokenWords, type TokenDoctor } from '../../i18n/use-token-words.js';

interface Props {
  readonly queue: readonly TokenView[];
  readonly doctor: TokenDoctor | null;
  readonly notArrived: number;
  readonly selectedId: string | null;
  readonly listRef: RefObject<HTMLDivElement | null>;
  onSelect(tokenId: string | null): void;
}

export function RoomQueue({ queue, doctor, notArrived, selectedId, listRef, onSelect }: Props) {
  const { t } = useTranslation();
  const words = useTokenWords();
  useEffect(() => {
    if (selectedId)
      document.getElementById(`queue-${selectedId}`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const index = queue.findIndex((tk) => tk.tokenId === selectedId);
    const pick = (i: number) =>
      onSelect(queue[Math.max(0, Math.min(queue.length - 1, i))]?.tokenId ?? null);
    if (event.key === 'ArrowDown' || event.key === 'j') pick(index < 0 ? 0 : index + 1);
    else if (event.key === 'ArrowUp' || event.key === 'k') pick(index < 0 ? 0 : index - 1);
    else if (event.key === 'Escape') onSelect(null);
    else return;
    event.preventDefault();
  };

  return (
    <section className="room-queue" aria-label={t('room.queueRegion')}>
      <h3>{t('room.queue', { count: queue.length })}</h3>
      <div
        ref={listRef}
        className="queue-list"
        role="listbox"
        tabIndex={0}
        aria-label={t('room.queueRegion')}
        aria-activedescendant={selectedId ? `queue-${selectedId}` : undefined}
        onKeyDown={onKeyDown}
      >
        <div className="queue-head" aria-hidden="true">
          <span>{t('room.place')}</span>
          <span>{t('room.token')}</span>
          <span>{t('room.patient')}</span>
          <span>{t('room.expected')}</span>
        </div>
        {queue.map((token) => (
          <div
            key={token.tokenId}
            id={`queue-${token.tokenId}`}
            role="option"
            aria-selected={token.tokenId === selectedId}
            data-token-number={token.tokenNumber}
            className={[
              'queue-row',
              `source-${token.source}`,
              token.tokenId === selectedId ? 'selected' : '',
            ].join(' ')}
            onClick={() => onSelect(token.tokenId)}
          >
            <span className="place">{token.queuePlace || '–'}</span>
            <span className="number">{words.label(token.tokenNumber, doctor)}</span>
            <span className="patient">
              {token.patientName}{' '}
              {token.source !== 'WALK_IN' && (
                <span className={`badge source-${token.source}`}>
                  {t(`source.${token.source}`)}
                </span>
              )}
              {token.skipCount > 0 && (
                <span className="badge flag">{t('board.skipped', { count: token.skipCount })}</span>
              )}
              {token.transferredFromTokenId !== '' && (
                <span className="badge flag">{t('board.transferredIn')}</span>
              )}
            </span>
            <span className="expected" data-testid="queue-expected">
              {words.expected(token) ?? ''}
            </span>
          </div>
        ))}
      </div>
      {queue.length === 0 && <p className="hint">{t('room.queueEmpty')}</p>}
      {notArrived > 0 && <p className="hint">{t('room.notArrived', { count: notArrived })}</p>}
      {queue.length > 0 && <p className="hint">{t('room.selectHint')}</p>}
    </section>
  );
}
