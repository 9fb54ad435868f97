// Issue a token. A returning walk-in takes three keystroke groups: phone + Enter, a few letters
// of the doctor + Enter, Enter. Focus always lands where the next keystroke goes; Enter in any
// field of the visit issues, and Esc starts over with every box empty. A phone a family shares
// lists its patients: a digit picks one, or a new name adds one (Alt+M on a phone with one
// patient). Alt+R opens the optional registration details.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type {
  DoctorDayRef,
  IssueTokenResult,
  PatientLookup,
  RegistrationInput,
} from '../../../shared/ipc-contract.js';
import { SOURCES, type SourceName } from '../../../shared/views.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { todayIn } from '../../dates.js';
import { fieldProblem } from '../../i18n/use-error-text.js';
import { usePrintSlip } from '../../hooks/use-print-slip.js';
import { useShortcuts } from '../../hooks/use-shortcuts.js';
import { call, ipcErrorOf, newRequestId } from '../../opd.js';
import { useSettings } from '../../settings.js';
import { DayFullAlternatives } from './DayFullAlternatives.js';
import { DoctorPicker } from './DoctorPicker.js';
import { IssueResult } from './IssueResult.js';
import { PatientFields } from './PatientFields.js';
import { NO_REGISTRATION, RegistrationFields } from './RegistrationFields.js';
import { SlotChooser } from './SlotChooser.js';

export function IssueScreen({ onShowBoard }: { onShowBoard(day: DoctorDayRef): void }) {
  const { t } = useTranslation();
  const { timeZone, printSlipOnIssue } = useSettings();
  const queries = useQueryClient();
  const [date, setDate] = useState(() => todayIn(timeZone));
  const [phone, setPhone] = useState('');
  const [name, setName] = useState('');
  const [lookup, setLookup] = useState<PatientLookup | null>(null);
  const [patientId, setPatientId] = useState<string | null>(null);
  const [addingMember, setAddingMember] = useState(false);
  const [registering, setRegistering] = useState(false);
  const [registration, setRegistration] = useState<RegistrationInput>(NO_REGISTRATION);
  const [doctorQuery, setDoctorQuery] = useState('');
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
    sex: useRef<HTMLSelectElement>(null),
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
    [phone, name, patientId, registering, registration, doctorId, date, source, slotId, notes],
  );

  // Places change with every counter's work: refresh while the screen is open.
  const availability = useQuery({
    queryKey: ['availability', date],
    queryFn: () => call('listAvailability', { date }),
    refetchInterval: 15_000,
  });
  const doctor = availability.data?.find((a) => a.doctor.doctorId === doctorId)?.doctor ?? null;
  const doctorName = (id: string) =>
    availability.data?.find((a) => a.doctor.doctorId === id)?.doctor.displayName ?? null;

  const find = useMutation({
    mutationFn: (phoneNumber: string) => call('findPatient', { phone: phoneNumber }),
    onSuccess: (answer) => {
      setLookup(answer);
      void availability.refetch();
      setAddingMember(false);
      if (answer.found && answer.patients.length > 1) {
        // A family's phone: the clerk picks one by number, or types a new name.
        setPatientId(null);
        setName('');
        setFocusNext('name');
      } else if (answer.found) {
        setPatientId(answer.patient.patientId);
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
        patientId,
        registration: registering ? registration : null,
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
    setPatientId(null);
    setAddingMember(false);
    setRegistering(false);
    setRegistration(NO_REGISTRATION);
    setDoctorQuery('');
    setDoctorId(null);
    setSource('WALK_IN');
    setSlotId(null);
    setNotes('');
    setResult(null);
    find.reset();
    issue.reset();
    printer.reset();
    setFocusNext('phone');
  };
  const patientKnown = lookup !== null;
  const submit = () => {
    if (!issue.isPending && patientKnown && doctorId !== null) issue.mutate();
  };
  // Taking an alternative to a full day asks again, for that doctor-day, once it is chosen.
  const [taking, setTaking] = useState<DoctorDayRef | null>(null);
  useEffect(() => {
    if (!taking || taking.doctorId !== doctorId || taking.date !== date) return;
    setTaking(null);
    submit();
  });
  const dayFull =
    issue.error && ipcErrorOf(issue.error).reason === 'DOCTOR_DAY_FULL'
      ? (ipcErrorOf(issue.error).alternatives ?? [])
      : null;
  const printer = usePrintSlip();
  const print = () => {
    if (result && result.outcome !== 'waitlisted') printer.print();
  };
  // A new token's slip prints by itself when the counter is set up so; the slip is on the
  // page by the time this runs (after the result rendered).
  const issued = result?.outcome === 'allocated' ? result.token.tokenId : null;
  const { print: printNow } = printer;
  useEffect(() => {
    if (issued !== null && printSlipOnIssue) printNow();
  }, [issued, printSlipOnIssue, printNow]);

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
    // Another family member on a phone that has one patient: a new name.
    // Rendered and focused at once, so the name typed straight after Alt+M lands in its box.
    'Alt+m': () => {
      if (lookup?.found !== true) return;
      flushSync(() => {
        setAddingMember(true);
        setPatientId(null);
        setName('');
      });
      refs.name.current?.focus();
    },
    // The optional registration details: open them (or go back to them).
    'Alt+r': () => {
      setRegistering(true);
      setFocusNext('sex');
    },
  });

  if (result) {
    return (
      <IssueResult
        result={result}
        doctor={doctor}
        nextRef={refs.next}
        printed={printer}
        onNext={reset}
        onPrint={print}
        onShowBoard={() => doctorId && onShowBoard({ doctorId, date })}
      />
    );
  }

  // Issue errors about the patient show beside their field; the rest show under the button.
  const aboutPatient =
    fieldProblem(issue.error, 'phone') ||
    fieldProblem(issue.error, 'name') ||
    fieldProblem(issue.error, 'registration');
  const retrying = availability.failureCount > 0 ? availability.failureReason : null;
  return (
    <div className="issue-screen">
      <div className="issue-patient">
        <PatientFields
          phone={phone}
          name={name}
          lookup={lookup}
          patientId={patientId}
          addingMember={addingMember}
          looking={find.isPending}
          lookupError={find.error}
          issueError={issue.error}
          doctorName={doctorName}
          phoneRef={refs.phone}
          nameRef={refs.name}
          onPhone={(value) => {
            setPhone(value);
            setLookup(null);
            setPatientId(null);
            setAddingMember(false);
            setName('');
            find.reset();
          }}
          onName={(value) => {
            setName(value);
            setPatientId(null);
          }}
          onPick={(index) => {
            const picked = lookup?.found === true ? lookup.patients[index] : undefined;
            if (!picked) return;
            setPatientId(picked.patientId);
            setName(picked.name);
            setFocusNext('doctor');
          }}
          onLookup={() => find.mutate(phone)}
          onNameDone={() => setFocusNext('doctor')}
        />
        {registering && (
          <RegistrationFields
            value={registration}
            issueError={issue.error}
            firstRef={refs.sex}
            onChange={setRegistration}
            onSubmit={submit}
          />
        )}
      </div>
      <div className="issue-details">
        <DoctorPicker
          doctors={availability.data ?? []}
          loading={availability.isPending}
          fetching={availability.isFetching}
          problem={availability.error ?? retrying}
          query={doctorQuery}
          onQuery={setDoctorQuery}
          selectedId={doctorId}
          searchRef={refs.doctor}
          onSelect={(id) => {
            setDoctorId(id);
            setSlotId(null);
            setFocusNext(patientKnown ? 'issue' : 'phone');
          }}
        />
        <fieldset
          className="visit"
          onKeyDown={(e) => {
            // Enter in any field of the visit (date, source, slot, notes) issues the token.
            const field = e.target as HTMLElement;
            if (e.key !== 'Enter' || e.ctrlKey || field.tagName === 'BUTTON') return;
            e.preventDefault();
            submit();
          }}
        >
          <legend>{t('issue.visit')}</legend>
          <label className="field">
            <span>
              {t('issue.date')} <kbd>Alt+D</kbd>
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
              {t('issue.source')} <kbd>Alt+S</kbd>
            </span>
            <select
              ref={refs.source}
              name="source"
              value={source}
              onChange={(e) => setSource(e.target.value as SourceName)}
            >
              {SOURCES.map((s) => (
                <option key={s} value={s}>
                  {t(`source.${s}`)}
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
              {t('issue.notes')} <kbd>Alt+N</kbd>
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
            {issue.isPending ? t('issue.issuing') : t('issue.issue')} <kbd>Enter</kbd>
          </button>
          {!patientKnown && <p className="hint">{t('issue.phoneFirst')}</p>}
          {patientKnown && doctorId === null && <p className="hint">{t('issue.chooseDoctor')}</p>}
          {doctor && (
            <p className="hint" data-testid="chosen-doctor">
              {t('issue.chosenDoctor', { name: doctor.displayName, department: doctor.department })}
            </p>
          )}
          {!aboutPatient && <ErrorMessage error={issue.error} />}
          {dayFull && (
            <DayFullAlternatives
              alternatives={dayFull}
              onTake={(a) => {
                setDoctorId(a.doctorId);
                setDate(a.date);
                setSlotId(null);
                setTaking({ doctorId: a.doctorId, date: a.date });
              }}
            />
          )}
        </fieldset>
      </div>
    </div>
  );
}
