// A doctor's regular week: for each weekday, its sessions (none = no consultations).
import { useTranslation } from 'react-i18next';
import { WEEKDAYS, type DayScheduleView, type WeekdayName } from '../../../shared/views.js';
import { SessionsEditor } from './SessionsEditor.js';

interface Props {
  readonly value: readonly DayScheduleView[];
  onChange(value: DayScheduleView[]): void;
}

export function WeeklyScheduleEditor({ value, onChange }: Props) {
  const { t } = useTranslation();
  const sessionsOf = (weekday: WeekdayName) =>
    value.find((d) => d.weekday === weekday)?.sessions ?? [];
  const setDay = (weekday: WeekdayName, sessions: DayScheduleView['sessions']) =>
    onChange(
      WEEKDAYS.map((day) => ({
        weekday: day,
        sessions: day === weekday ? sessions : sessionsOf(day),
      })).filter((d) => d.sessions.length > 0),
    );
  return (
    <fieldset className="weekly">
      <legend>{t('doctors.weekly')}</legend>
      {WEEKDAYS.map((day) => (
        <div className="weekday" key={day}>
          <span className="weekday-name">{t(`weekday.${day}`)}</span>
          <SessionsEditor
            label={t(`weekday.${day}`)}
            sessions={sessionsOf(day)}
            onChange={(sessions) => setDay(day, sessions)}
          />
        </div>
      ))}
    </fieldset>
  );
}
