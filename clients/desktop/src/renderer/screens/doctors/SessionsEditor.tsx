// Consultation sessions: start, end, slot length and places per slot, one row each.
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../../shared/views.js';

export const NEW_SESSION: SessionView = {
  startTime: '09:00',
  endTime: '13:00',
  slotMinutes: 15,
  capacityPerSlot: 4,
};

interface Props {
  readonly label: string;
  readonly sessions: readonly SessionView[];
  onChange(sessions: SessionView[]): void;
}

export function SessionsEditor({ label, sessions, onChange }: Props) {
  const { t } = useTranslation();
  const update = (index: number, patch: Partial<SessionView>) =>
    onChange(sessions.map((s, i) => (i === index ? { ...s, ...patch } : s)));
  return (
    <div className="sessions" role="group" aria-label={label}>
      {sessions.map((session, i) => (
        <div className="session-row" key={i}>
          <input
            type="time"
            aria-label={t('doctors.sessionStart', { label, n: i + 1 })}
            value={session.startTime}
            onChange={(e) => update(i, { startTime: e.target.value })}
          />
          <span>{t('doctors.to')}</span>
          <input
            type="time"
            aria-label={t('doctors.sessionEnd', { label, n: i + 1 })}
            value={session.endTime}
            onChange={(e) => update(i, { endTime: e.target.value })}
          />
          <input
            type="number"
            min={1}
            max={240}
            aria-label={t('doctors.sessionMinutes', { label, n: i + 1 })}
            value={session.slotMinutes}
            onChange={(e) => update(i, { slotMinutes: Number(e.target.value) })}
          />
          <span>{t('doctors.minSlotsOf')}</span>
          <input
            type="number"
            min={1}
            max={1000}
            aria-label={t('doctors.sessionPlaces', { label, n: i + 1 })}
            value={session.capacityPerSlot}
            onChange={(e) => update(i, { capacityPerSlot: Number(e.target.value) })}
          />
          <span>{t('doctors.places')}</span>
          <button
            type="button"
            className="small"
            onClick={() => onChange(sessions.filter((_, j) => j !== i))}
            aria-label={t('doctors.removeSession', { label, n: i + 1 })}
          >
            {t('doctors.remove')}
          </button>
        </div>
      ))}
      <button type="button" className="small" onClick={() => onChange([...sessions, NEW_SESSION])}>
        {t('doctors.addSession')}
      </button>
    </div>
  );
}
