// Sending a patient to another doctor, by keyboard: type a few letters of the doctor or the
// department, ↑/↓, Enter; write why (required: the patient is told), Enter transfers. Esc
// keeps the patient where they are. Room keys are off while this is open.
import { useMutation } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TransferResult } from '../../../shared/ipc-contract.js';
import type { DoctorView, TokenView } from '../../../shared/views.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { call, newRequestId } from '../../opd.js';
import { matchesName } from '../../search-text.js';

interface Props {
  readonly token: TokenView;
  readonly label: string;
  readonly doctors: readonly DoctorView[];
  onDone(result: TransferResult, to: DoctorView): void;
  onKeep(): void;
}

export function TransferDialog({ token, label, doctors, onDone, onKeep }: Props) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [highlight, setHighlight] = useState(0);
  const [target, setTarget] = useState<DoctorView | null>(null);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const doctorRef = useRef<HTMLInputElement>(null);
  const reasonRef = useRef<HTMLInputElement>(null);
  useEffect(() => doctorRef.current?.focus(), []);
  const others = useMemo(
    () =>
      doctors.filter(
        (d) =>
          d.doctorId !== token.doctorId &&
          (matchesName(d.displayName, query) || matchesName(d.department, query)),
      ),
    [doctors, token.doctorId, query],
  );
  const current = Math.min(highlight, Math.max(others.length - 1, 0));
  // One idempotency key per distinct transfer: Enter again after a timeout repeats it.
  const requestId = useMemo(() => newRequestId(), [target, reason]);
  const transfer = useMutation({
    mutationFn: (to: DoctorView) =>
      call('transferToken', {
        requestId,
        tokenId: token.tokenId,
        targetDoctorId: to.doctorId,
        reason,
      }),
    onSuccess: (result, to) => onDone(result, to),
  });

  const choose = (doctor: DoctorView | undefined) => {
    if (!doctor) return;
    setTarget(doctor);
    setQuery('');
    setProblem(null);
    reasonRef.current?.focus();
  };
  const submit = () => {
    if (transfer.isPending) return;
    if (target === null) {
      setProblem(t('transfer.chooseDoctor'));
      doctorRef.current?.focus();
    } else if (reason.trim() === '') {
      setProblem(t('transfer.reasonNeeded'));
      reasonRef.current?.focus();
    } else {
      setProblem(null);
      transfer.mutate(target);
    }
  };

  return (
    <div
      className="transfer-dialog"
      role="dialog"
      aria-modal="true"
      aria-label={t('transfer.title', { label, patient: token.patientName })}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        e.stopPropagation();
        onKeep();
      }}
    >
      <h3>{t('transfer.title', { label, patient: token.patientName })}</h3>
      <label className="field">
        <span>{t('transfer.doctor')}</span>
        <input
          ref={doctorRef}
          name="transfer-doctor"
          role="combobox"
          aria-expanded={query !== ''}
          aria-controls="transfer-doctor-list"
          autoComplete="off"
          placeholder={t('transfer.doctorPlaceholder')}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setHighlight(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setHighlight(Math.min(current + 1, others.length - 1));
            else if (e.key === 'ArrowUp') setHighlight(Math.max(current - 1, 0));
            else if (e.key === 'Enter') {
              if (query === '' && target) reasonRef.current?.focus();
              else choose(others[current]);
            } else return;
            e.preventDefault();
          }}
        />
      </label>
      {query !== '' && (
        <ul id="transfer-doctor-list" role="listbox" aria-label={t('transfer.doctors')}>
          {others.map((doctor, i) => (
            <li
              key={doctor.doctorId}
              role="option"
              aria-selected={i === current}
              className={i === current ? 'highlight' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(doctor);
              }}
            >
              {doctor.displayName} <span className="muted">{doctor.department}</span>
            </li>
          ))}
          {others.length === 0 && <li className="hint">{t('transfer.noMatch', { query })}</li>}
        </ul>
      )}
      {target && (
        <p className="chosen" data-testid="transfer-target">
          {t('transfer.chosen', { doctor: target.displayName, department: target.department })}
        </p>
      )}
      <label className="field">
        <span>{t('transfer.reason')}</span>
        <input
          ref={reasonRef}
          name="transfer-reason"
          autoComplete="off"
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            submit();
          }}
        />
      </label>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <ErrorMessage error={transfer.error} />
      <div className="actions">
        <button className="primary" disabled={transfer.isPending} onClick={submit}>
          {t('transfer.confirm')} <kbd>Enter</kbd>
        </button>
        <button onClick={onKeep}>
          {t('transfer.keep')} <kbd>Esc</kbd>
        </button>
      </div>
    </div>
  );
}
