// A doctor's regular week: for each weekday, its sessions (none = no consultations).
import { WEEKDAYS, type DayScheduleView, type WeekdayName } from '../../../shared/views.js';
import { SessionsEditor } from './SessionsEditor.js';

const DAY_NAMES: Readonly<Record<WeekdayName, string>> = {
  MONDAY: 'Monday',
  TUESDAY: 'Tuesday',
  WEDNESDAY: 'Wednesday',
  THURSDAY: 'Thursday',
  FRIDAY: 'Friday',
  SATURDAY: 'Saturday',
  SUNDAY: 'Sunday',
};

interface Props {
  readonly value: readonly DayScheduleView[];
  onChange(value: DayScheduleView[]): void;
}

export function WeeklyScheduleEditor({ value, onChange }: Props) {
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
      <legend>Weekly schedule</legend>
      {WEEKDAYS.map((day) => (
        <div className="weekday" key={day}>
          <span className="weekday-name">{DAY_NAMES[day]}</span>
          <SessionsEditor
            label={DAY_NAMES[day]}
            sessions={sessionsOf(day)}
            onChange={(sessions) => setDay(day, sessions)}
          />
        </div>
      ))}
    </fieldset>
  );
}
