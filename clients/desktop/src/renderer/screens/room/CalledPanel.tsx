// The patient the room has called in, big, with what happened to them so far.
import { useTranslation } from 'react-i18next';
import type { TokenView } from '../../../shared/views.js';
import { useFormat } from '../../i18n/use-format.js';

interface Props {
  readonly called: TokenView | null;
  readonly label: string | null;
}

export function CalledPanel({ called, label }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="room-called" aria-label={t('room.called')} data-testid="room-called">
      <h3>{t('room.called')}</h3>
      {called === null ? (
        <p className="hint" data-testid="nobody-called">
          {t('room.nobodyCalled')}
        </p>
      ) : (
        <>
          <p className="called-number" data-testid="called-number">
            {label}
          </p>
          <p className="called-patient">{called.patientName}</p>
          <p className="called-facts">
            <span className={`badge source-${called.source}`}>{t(`source.${called.source}`)}</span>
            {called.callTime && (
              <span className="muted">
                {t('room.calledAt', { time: format.time(called.callTime) })}
              </span>
            )}
            {called.recallCount > 0 && (
              <span className="muted" data-testid="recall-count">
                {t('room.recalled', { count: called.recallCount })}
              </span>
            )}
            {called.skipCount > 0 && (
              <span className="muted">{t('board.skipped', { count: called.skipCount })}</span>
            )}
          </p>
          {called.notes && <p className="muted">{called.notes}</p>}
        </>
      )}
    </section>
  );
}
