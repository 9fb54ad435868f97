// Create or edit a doctor (admin): name, department, active, weekly schedule. Ctrl+S saves.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
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
  const queries = useQueryClient();
  const [displayName, setDisplayName] = useState(doctor?.displayName ?? '');
  const [department, setDepartment] = useState(doctor?.department ?? '');
  const [active, setActive] = useState(doctor?.active ?? true);
  const [schedule, setSchedule] = useState<DayScheduleView[]>([...(doctor?.weeklySchedule ?? [])]);
  const nameRef = useRef<HTMLInputElement>(null);
  useEffect(() => nameRef.current?.focus(), []);
  const requestId = useMemo(() => newRequestId(), [displayName, department, active, schedule]);

  const save = useMutation({
    mutationFn: async () => {
      const input = { requestId, displayName, department, weeklySchedule: schedule };
      if (doctor === null) return { doctor: await call('createDoctor', input), promotions: 0 };
      return call('updateDoctor', { ...input, doctorId: doctor.doctorId, active });
    },
    onSuccess: (answer) => {
      void queries.invalidateQueries({ queryKey: ['doctors'] });
      void queries.invalidateQueries({ queryKey: ['availability'] });
      void queries.invalidateQueries({ queryKey: ['board'] });
      onDone(
        answer.doctor,
        answer.promotions > 0
          ? `${answer.promotions} waiting patient(s) got tokens from the added room.`
          : null,
      );
    },
  });
  const submit = () => !save.isPending && save.mutate();
  useShortcuts({ 'Ctrl+s': submit, Escape: () => onDone(null, null) });

  return (
    <form
      className="doctor-form"
      aria-label={doctor ? `Edit ${doctor.displayName}` : 'New doctor'}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h2>{doctor ? `Edit ${doctor.displayName}` : 'New doctor'}</h2>
      <label className="field">
        <span>Name</span>
        <input
          ref={nameRef}
          name="displayName"
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
        />
        <small className="field-error">{fieldError(save.error, 'displayName')}</small>
      </label>
      <label className="field">
        <span>Department</span>
        <input
          name="department"
          value={department}
          onChange={(e) => setDepartment(e.target.value)}
        />
        <small className="field-error">{fieldError(save.error, 'department')}</small>
      </label>
      {doctor && (
        <label className="field checkbox">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
          <span>Takes new patients (active)</span>
        </label>
      )}
      <WeeklyScheduleEditor value={schedule} onChange={setSchedule} />
      <ErrorMessage error={save.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save'} <kbd>Ctrl+S</kbd>
        </button>
        <button type="button" onClick={() => onDone(null, null)}>
          Close <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}
