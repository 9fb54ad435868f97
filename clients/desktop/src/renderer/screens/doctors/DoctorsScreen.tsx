// Doctors and schedules (admin): the list, a form to create or edit, and leave days.
// ↑/↓ select a doctor, Enter edits it, Alt+N starts a new one.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DoctorView } from '../../../shared/views.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { useShortcuts } from '../../hooks/use-shortcuts.js';
import { call } from '../../opd.js';
import { DoctorForm } from './DoctorForm.js';
import { OverridesPanel } from './OverridesPanel.js';

const sessionsText = (doctor: DoctorView, t: TFunction): string =>
  doctor.weeklySchedule
    .map(
      (day) =>
        `${t(`weekday.${day.weekday}`)} ${day.sessions
          .map((s) => `${s.startTime}–${s.endTime}`)
          .join(', ')}`,
    )
    .join(' · ') || t('doctors.noSessions');

export function DoctorsScreen() {
  const { t } = useTranslation();
  const doctors = useQuery({
    queryKey: ['doctors', true],
    queryFn: () => call('listDoctors', { includeInactive: true }),
  });
  const list = doctors.data ?? [];
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editing, setEditing] = useState<'new' | 'selected' | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const listRef = useRef<HTMLTableSectionElement>(null);
  const selected = list.find((d) => d.doctorId === selectedId) ?? list[0] ?? null;

  useEffect(() => {
    if (editing === null && doctors.isSuccess) listRef.current?.focus();
  }, [editing, doctors.isSuccess]);

  useShortcuts({ 'Alt+n': () => setEditing('new') }, editing === null);

  const onKey = (event: KeyboardEvent) => {
    const index = selected ? list.indexOf(selected) : -1;
    const at = (i: number) => list[Math.min(list.length - 1, Math.max(0, i))];
    if (event.key === 'ArrowDown') setSelectedId(at(index + 1)?.doctorId ?? null);
    else if (event.key === 'ArrowUp') setSelectedId(at(index - 1)?.doctorId ?? null);
    else if (event.key === 'Enter' && selected) setEditing('selected');
    else return;
    event.preventDefault();
  };

  return (
    <div className="doctors-screen">
      <div className="doctors-list">
        <div className="toolbar">
          <h2>{t('doctors.title')}</h2>
          <button onClick={() => setEditing('new')}>
            {t('doctors.new')} <kbd>Alt+N</kbd>
          </button>
        </div>
        <ErrorMessage error={doctors.error} />
        {note && (
          <p className="message" role="status">
            {note}
          </p>
        )}
        <table>
          <thead>
            <tr>
              <th>{t('doctors.name')}</th>
              <th>{t('doctors.department')}</th>
              <th>{t('doctors.room')}</th>
              <th>{t('doctors.week')}</th>
              <th>{t('doctors.status')}</th>
            </tr>
          </thead>
          <tbody ref={listRef} tabIndex={0} onKeyDown={onKey} aria-label={t('doctors.title')}>
            {list.map((doctor) => (
              <tr
                key={doctor.doctorId}
                aria-selected={doctor.doctorId === selected?.doctorId}
                className={doctor.doctorId === selected?.doctorId ? 'selected' : ''}
                onClick={() => setSelectedId(doctor.doctorId)}
                onDoubleClick={() => setEditing('selected')}
              >
                <td>{doctor.displayName}</td>
                <td>{doctor.department}</td>
                <td>{doctor.room}</td>
                <td className="muted">{sessionsText(doctor, t)}</td>
                <td>{doctor.active ? t('doctors.active') : t('doctors.inactive')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.length > 0 && <p className="hint">{t('doctors.hint')}</p>}
      </div>
      <div className="doctor-detail">
        {editing !== null ? (
          <DoctorForm
            key={editing === 'new' ? 'new' : selected?.doctorId}
            doctor={editing === 'new' ? null : selected}
            onDone={(saved, text) => {
              if (saved) setSelectedId(saved.doctorId);
              setNote(saved ? (text ?? t('doctors.saved', { name: saved.displayName })) : null);
              setEditing(null);
            }}
          />
        ) : (
          selected && <OverridesPanel key={selected.doctorId} doctor={selected} />
        )}
      </div>
    </div>
  );
}
