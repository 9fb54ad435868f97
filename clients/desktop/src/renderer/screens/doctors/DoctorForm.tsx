// Create or edit a doctor (admin): name, department, active, weekly schedule. Ctrl+S saves.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DayScheduleView, DoctorView } from '../../../shared/views.js';
import { ErrorMessage, fieldError } from '../../components/ErrorMessage.js';
import { useShortcuts } from '../../hooks/use-shortcuts.js';
import { call, newRequestId } from '../../opd.js';
import { WeeklyScheduleEditor } from './WeeklyScheduleEditor.js';

interface Props {
  /** Null: a new doctor. */
  readonly doctor: DoctorView | null;
  onDone(doctor: DoctorView | null, note: string | null): void;
}

export function DoctorForm({ doctor, onDone }: Props) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [displayName, setDisplayName] = useState(doctor?.displayName ?? '');
  const [department, setDepartment] = useState(doctor?.department ?? '');
  const [room, setRoom] = useState(doctor?.room ?? '');
  const [active, setActive] = useState(doctor?.active ?? true);
  const [schedule, setSchedule] = useState<DayScheduleView[]>([...(doctor?.weeklySchedule ?? [])]);
  const nameRef = useRef<HTMLInputElement>(null);
  useEffect(() => nameRef.current?.focus(), []);
  const requestId = useMemo(
    () => newRequestId(),
    [displayName, department, room, active, schedule],
  );

  const save = useMutation({
    mutationFn: async () => {
      const input = { requestId, displayName, department, room, weeklySchedule: schedule };
      if (doctor === null) return { doctor: await call('createDoctor', input), promotions: 0 };
      return call('updateDoctor', { ...input, doctorId: doctor.doctorId, active });
    },
    onSuccess: (answer) => {
      void queries.invalidateQueries({ queryKey: ['doctors'] });
      void queries.invalidateQueries({ queryKey: ['availability'] });
      void queries.invalidateQueries({ queryKey: ['board'] });
      onDone(
        answer.doctor,
        answer.promotions > 0 ? t('doctors.promotions', { count: answer.promotions }) : null,
      );
    },
  });
  const submit = () => !save.isPending && save.mutate();
  useShortcuts({ 'Ctrl+s': submit, Escape: () => onDone(null, null) });

  return (
    <form
      className="doctor-form"
      aria-label={doctor ? t('doctors.edit', { name: doctor.displayName }) : t('doctors.new')}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h2>{doctor ? t('doctors.edit', { name: doctor.displayName }) : t('doctors.new')}</h2>
      <label className="field">
        <span>{t('doctors.name')}</span>
        <input
          ref={nameRef}
          name="displayName"
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
        />
        <small className="field-error">{fieldError(save.error, 'displayName')}</small>
      </label>
      <label className="field">
        <span>{t('doctors.department')}</span>
        <input
          name="department"
          value={department}
          onChange={(e) => setDepartment(e.target.value)}
        />
        <small className="field-error">{fieldError(save.error, 'department')}</small>
      </label>
      <label className="field">
        <span>{t('doctors.room')}</span>
        <input
          name="room"
          value={room}
          maxLength={40}
          placeholder={t('doctors.roomPlaceholder')}
          onChange={(e) => setRoom(e.target.value)}
        />
        <small className="field-error">{fieldError(save.error, 'room')}</small>
      </label>
      {doctor && (
        <label className="field checkbox">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
          <span>{t('doctors.takesPatients')}</span>
        </label>
      )}
      <WeeklyScheduleEditor value={schedule} onChange={setSchedule} />
      <ErrorMessage error={save.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? t('doctors.saving') : t('doctors.save')} <kbd>Ctrl+S</kbd>
        </button>
        <button type="button" onClick={() => onDone(null, null)}>
          {t('doctors.close')} <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}
