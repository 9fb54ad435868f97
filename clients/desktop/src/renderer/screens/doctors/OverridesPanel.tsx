// A doctor's date overrides for the next three months: leave days and changed sessions.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { DoctorView, SessionView } from '../../../shared/views.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { addDays, longDate, todayIn } from '../../dates.js';
import { call, newRequestId } from '../../opd.js';
import { useSettings } from '../../settings.js';
import { NEW_SESSION, SessionsEditor } from './SessionsEditor.js';

export function OverridesPanel({ doctor }: { readonly doctor: DoctorView }) {
  const { timeZone } = useSettings();
  const queries = useQueryClient();
  const today = todayIn(timeZone);
  const range = { doctorId: doctor.doctorId, startDate: today, endDate: addDays(today, 90) };
  const overrides = useQuery({
    queryKey: ['overrides', range],
    queryFn: () => call('listOverrides', range),
  });
  const [date, setDate] = useState(addDays(today, 1));
  const [kind, setKind] = useState<'leave' | 'sessions'>('leave');
  const [sessions, setSessions] = useState<SessionView[]>([NEW_SESSION]);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState<string | null>(null);

  const changed = (text: string) => {
    setNote(text);
    void queries.invalidateQueries({ queryKey: ['overrides'] });
    void queries.invalidateQueries({ queryKey: ['availability'] });
    void queries.invalidateQueries({ queryKey: ['board'] });
  };
  const set = useMutation({
    mutationFn: () =>
      call('setOverride', {
        requestId: newRequestId(),
        doctorId: doctor.doctorId,
        date,
        plan: kind === 'leave' ? { kind } : { kind, sessions },
        reason,
      }),
    onSuccess: (answer) =>
      changed(
        `Saved for ${longDate(answer.override.date)}.` +
          (answer.promotions > 0 ? ` ${answer.promotions} waiting patient(s) got tokens.` : ''),
      ),
  });
  const remove = useMutation({
    mutationFn: (day: string) =>
      call('deleteOverride', { requestId: newRequestId(), doctorId: doctor.doctorId, date: day }),
    onSuccess: () => changed('Removed: the weekly schedule applies again on that day.'),
  });

  return (
    <section className="overrides" aria-label="Leave and changed days">
      <h3>Leave and changed days · {doctor.displayName}</h3>
      <ul>
        {(overrides.data ?? []).map((o) => (
          <li key={o.date}>
            <strong>{longDate(o.date)}</strong>{' '}
            {o.plan.kind === 'leave'
              ? 'on leave'
              : o.plan.sessions.map((s) => `${s.startTime}–${s.endTime}`).join(', ')}
            {o.reason && <span className="muted"> · {o.reason}</span>}{' '}
            <button className="small" onClick={() => remove.mutate(o.date)}>
              Remove
            </button>
          </li>
        ))}
        {overrides.data?.length === 0 && <li className="hint">None in the next 90 days.</li>}
      </ul>
      <div className="override-form">
        <label className="field">
          <span>Date</span>
          <input
            type="date"
            name="override-date"
            value={date}
            onChange={(e) => setDate(e.target.value)}
          />
        </label>
        <label className="field">
          <span>The doctor</span>
          <select
            name="override-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value === 'sessions' ? 'sessions' : 'leave')}
          >
            <option value="leave">is on leave</option>
            <option value="sessions">works these sessions</option>
          </select>
        </label>
        {kind === 'sessions' && (
          <SessionsEditor label="That day" sessions={sessions} onChange={setSessions} />
        )}
        <label className="field">
          <span>Reason</span>
          <input
            name="override-reason"
            value={reason}
            maxLength={200}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
        <button className="primary" disabled={set.isPending} onClick={() => set.mutate()}>
          Save day
        </button>
      </div>
      {note && (
        <p className="message" role="status">
          {note}
        </p>
      )}
      <ErrorMessage error={overrides.error ?? set.error ?? remove.error} />
    </section>
  );
}
