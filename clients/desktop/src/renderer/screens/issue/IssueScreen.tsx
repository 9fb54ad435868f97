// Issue a token. A returning walk-in takes three keystroke groups: phone + Enter, a few letters
// of the doctor + Enter, Enter. Focus always lands where the next keystroke goes.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import type {
  DoctorDayRef,
  IssueTokenResult,
  PatientLookup,
} from '../../../shared/ipc-contract.js';
import { SOURCES, type SourceName } from '../../../shared/views.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { todayIn } from '../../dates.js';
import { useShortcuts } from '../../hooks/use-shortcuts.js';
import { call, newRequestId } from '../../opd.js';
import { useSettings } from '../../settings.js';
import { DoctorPicker } from './DoctorPicker.js';
import { IssueResult } from './IssueResult.js';
import { SOURCE_LABELS } from './labels.js';
import { PatientFields } from './PatientFields.js';
import { SlotChooser } from './SlotChooser.js';

export function IssueScreen({ onShowBoard }: { onShowBoard(day: DoctorDayRef): void }) {
  const { timeZone } = useSettings();
  const queries = useQueryClient();
  const [date, setDate] = useState(() => todayIn(timeZone));
  const [phone, setPhone] = useState('');
  const [name, setName] = useState('');
  const [lookup, setLookup] = useState<PatientLookup | null>(null);
  const [doctorId, setDoctorId] = useState<string | null>(null);
  const [source, setSource] = useState<SourceName>('WALK_IN');
  const [slotId, setSlotId] = useState<string | null>(null);
  const [notes, setNotes] = useState('');
  const [result, setResult] = useState<IssueTokenResult | null>(null);

  const refs = {
    phone: useRef<HTMLInputElement>(null),
    name: useRef<HTMLInputElement>(null),
    doctor: useRef<HTMLInputElement>(null),
    issue: useRef<HTMLButtonElement>(null),
    next: useRef<HTMLButtonElement>(null),
    date: useRef<HTMLInputElement>(null),
    source: useRef<HTMLSelectElement>(null),
    slot: useRef<HTMLSelectElement>(null),
    notes: useRef<HTMLInputElement>(null),
  };
  const [focusNext, setFocusNext] = useState<keyof typeof refs | null>('phone');
  useEffect(() => {
    if (focusNext === null) return;
    refs[focusNext].current?.focus();
    setFocusNext(null);
  });

  // One idempotency key per distinct request: pressing Enter again after a timeout repeats
  // the same request, and the service answers it once.
  const requestId = useMemo(
    () => newRequestId(),
    [phone, name, doctorId, date, source, slotId, notes],
  );

  // Places change with every counter's work: refresh while the screen is open.
  const availability = useQuery({
    queryKey: ['availability', date],
    queryFn: () => call('listAvailability', { date }),
    refetchInterval: 15_000,
  });
  const doctor = availability.data?.find((a) => a.doctor.doctorId === doctorId)?.doctor ?? null;

  const find = useMutation({
    mutationFn: (phoneNumber: string) => call('findPatient', { phone: phoneNumber }),
    onSuccess: (answer) => {
      setLookup(answer);
      void availability.refetch();
      if (answer.found) {
        setName(answer.patient.name);
        setFocusNext('doctor');
      } else setFocusNext('name');
    },
  });
  const issue = useMutation({
    mutationFn: () =>
      call('issueToken', {
        requestId,
        phone,
        name,
        doctorId: doctorId ?? '',
        date,
        source,
        preferredSlotId: slotId,
        notes,
      }),
    onSuccess: (answer) => {
      setResult(answer);
      setFocusNext('next');
      void queries.invalidateQueries({ queryKey: ['availability'] });
      void queries.invalidateQueries({ queryKey: ['board'] });
    },
  });

  const reset = () => {
    setPhone('');
    setName('');
    setLookup(null);
    setDoctorId(null);
    setSource('WALK_IN');
    setSlotId(null);
    setNotes('');
    setResult(null);
    find.reset();
    issue.reset();
    setFocusNext('phone');
  };
  const submit = () => {
    if (!issue.isPending) issue.mutate();
  };
  const print = () => {
    if (result && result.outcome !== 'waitlisted') window.print();
  };

  useShortcuts({
    Escape: reset,
    'Ctrl+Enter': () => (result ? reset() : submit()),
    'Ctrl+p': print,
    'Alt+t': () => setFocusNext('phone'),
    'Alt+o': () => setFocusNext('doctor'),
    'Alt+d': () => setFocusNext('date'),
    'Alt+s': () => setFocusNext('source'),
    'Alt+p': () => setFocusNext('slot'),
    'Alt+n': () => setFocusNext('notes'),
    'Alt+b': () => doctorId && onShowBoard({ doctorId, date }),
  });

  if (result) {
    return (
      <IssueResult
        result={result}
        doctor={doctor}
        nextRef={refs.next}
        onNext={reset}
        onPrint={print}
        onShowBoard={() => doctorId && onShowBoard({ doctorId, date })}
      />
    );
  }

  const patientKnown = lookup !== null;
  return (
    <div className="issue-screen">
      <PatientFields
        phone={phone}
        name={name}
        lookup={lookup}
        looking={find.isPending}
        error={find.error ?? issue.error}
        phoneRef={refs.phone}
        nameRef={refs.name}
        onPhone={(value) => {
          setPhone(value);
          setLookup(null);
          setName('');
          find.reset();
        }}
        onName={setName}
        onLookup={() => find.mutate(phone)}
        onNameDone={() => setFocusNext('doctor')}
      />
      <ErrorMessage error={find.error} />
      <div className="issue-details">
        <DoctorPicker
          doctors={availability.data ?? []}
          loading={availability.isPending}
          fetching={availability.isFetching}
          selectedId={doctorId}
          searchRef={refs.doctor}
          onSelect={(id) => {
            setDoctorId(id);
            setSlotId(null);
            setFocusNext(patientKnown ? 'issue' : 'phone');
          }}
        />
        <ErrorMessage error={availability.error} />
        <fieldset className="visit">
          <legend>Visit</legend>
          <label className="field">
            <span>
              Date <kbd>Alt+D</kbd>
            </span>
            <input
              ref={refs.date}
              type="date"
              name="date"
              value={date}
              onChange={(e) => {
                if (e.target.value) setDate(e.target.value);
                setSlotId(null);
              }}
            />
          </label>
          <label className="field">
            <span>
              Source <kbd>Alt+S</kbd>
            </span>
            <select
              ref={refs.source}
              name="source"
              value={source}
              onChange={(e) => setSource(e.target.value as SourceName)}
            >
              {SOURCES.map((s) => (
                <option key={s} value={s}>
                  {SOURCE_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
          <SlotChooser
            doctorId={doctorId}
            date={date}
            value={slotId}
            selectRef={refs.slot}
            onChange={setSlotId}
          />
          <label className="field">
            <span>
              Notes <kbd>Alt+N</kbd>
            </span>
            <input
              ref={refs.notes}
              name="notes"
              value={notes}
              maxLength={500}
              onChange={(e) => setNotes(e.target.value)}
            />
          </label>
          <button
            ref={refs.issue}
            className="primary issue-button"
            disabled={issue.isPending || !patientKnown || doctorId === null}
            onClick={submit}
          >
            {issue.isPending ? 'Issuing…' : 'Issue token'} <kbd>Enter</kbd>
          </button>
          {!patientKnown && <p className="hint">Enter the phone number first.</p>}
          {patientKnown && doctorId === null && <p className="hint">Choose a doctor.</p>}
          {doctor && (
            <p className="hint" data-testid="chosen-doctor">
              {doctor.displayName} ({doctor.department})
            </p>
          )}
          <ErrorMessage error={issue.error} />
        </fieldset>
      </div>
    </div>
  );
}
