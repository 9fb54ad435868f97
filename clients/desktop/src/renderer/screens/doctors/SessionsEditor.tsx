// Consultation sessions: start, end, slot length and places per slot, one row each.
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
  const update = (index: number, patch: Partial<SessionView>) =>
    onChange(sessions.map((s, i) => (i === index ? { ...s, ...patch } : s)));
  return (
    <div className="sessions" role="group" aria-label={label}>
      {sessions.map((session, i) => (
        <div className="session-row" key={i}>
          <input
            type="time"
            aria-label={`${label} session ${i + 1} start`}
            value={session.startTime}
            onChange={(e) => update(i, { startTime: e.target.value })}
          />
          <span>to</span>
          <input
            type="time"
            aria-label={`${label} session ${i + 1} end`}
            value={session.endTime}
            onChange={(e) => update(i, { endTime: e.target.value })}
          />
          <input
            type="number"
            min={1}
            max={240}
            aria-label={`${label} session ${i + 1} slot minutes`}
            value={session.slotMinutes}
            onChange={(e) => update(i, { slotMinutes: Number(e.target.value) })}
          />
          <span>min slots of</span>
          <input
            type="number"
            min={1}
            max={1000}
            aria-label={`${label} session ${i + 1} places per slot`}
            value={session.capacityPerSlot}
            onChange={(e) => update(i, { capacityPerSlot: Number(e.target.value) })}
          />
          <span>places</span>
          <button
            type="button"
            className="small"
            onClick={() => onChange(sessions.filter((_, j) => j !== i))}
            aria-label={`Remove ${label} session ${i + 1}`}
          >
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="small" onClick={() => onChange([...sessions, NEW_SESSION])}>
        Add session
      </button>
    </div>
  );
}
