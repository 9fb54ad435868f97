// A doctor's date overrides for the next three months: leave days and changed sessions.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DoctorView, SessionView } from '../../../shared/views.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { addDays, todayIn } from '../../dates.js';
import { useFormat } from '../../i18n/use-format.js';
import { call, newRequestId } from '../../opd.js';
import { useSettings } from '../../settings.js';
import { NEW_SESSION, SessionsEditor } from './SessionsEditor.js';

export function OverridesPanel({ doctor }: { readonly doctor: DoctorView }) {
  const { t } = useTranslation();
  const format = useFormat();
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
        t('overrides.saved', { date: format.longDay(answer.override.date) }) +
          (answer.promotions > 0
            ? ` ${t('overrides.promotions', { count: answer.promotions })}`
            : ''),
      ),
  });
  const remove = useMutation({
    mutationFn: (day: string) =>
      call('deleteOverride', { requestId: newRequestId(), doctorId: doctor.doctorId, date: day }),
    onSuccess: () => changed(t('overrides.removed')),
  });

  return (
    <section className="overrides" aria-label={t('overrides.region')}>
      <h3>{t('overrides.title', { name: doctor.displayName })}</h3>
      <ul>
        {(overrides.data ?? []).map((o) => (
          <li key={o.date}>
            <strong>{format.longDay(o.date)}</strong>{' '}
            {o.plan.kind === 'leave'
              ? t('overrides.onLeave')
              : o.plan.sessions.map((s) => `${s.startTime}–${s.endTime}`).join(', ')}
            {o.reason && <span className="muted"> · {o.reason}</span>}{' '}
            <button className="small" onClick={() => remove.mutate(o.date)}>
              {t('doctors.remove')}
            </button>
          </li>
        ))}
        {overrides.data?.length === 0 && <li className="hint">{t('overrides.none')}</li>}
      </ul>
      <div className="override-form">
        <label className="field">
          <span>{t('overrides.date')}</span>
          <input
            type="date"
            name="override-date"
            value={date}
            onChange={(e) => setDate(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('overrides.theDoctor')}</span>
          <select
            name="override-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value === 'sessions' ? 'sessions' : 'leave')}
          >
            <option value="leave">{t('overrides.isOnLeave')}</option>
            <option value="sessions">{t('overrides.works')}</option>
          </select>
        </label>
        {kind === 'sessions' && (
          <SessionsEditor
            label={t('overrides.thatDay')}
            sessions={sessions}
            onChange={setSessions}
          />
        )}
        <label className="field">
          <span>{t('overrides.reason')}</span>
          <input
            name="override-reason"
            value={reason}
            maxLength={200}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
        <button className="primary" disabled={set.isPending} onClick={() => set.mutate()}>
          {t('overrides.save')}
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
