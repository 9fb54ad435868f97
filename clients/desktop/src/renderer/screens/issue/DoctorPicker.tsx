// Step two: the doctor. Type to filter by name or department (any script), arrows to move,
// Enter to choose. Each doctor shows what is left today in live slots and the next free time.
import { useEffect, useMemo, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { DoctorAvailability } from '../../../shared/views.js';
import { useErrorText } from '../../i18n/use-error-text.js';
import { ipcErrorOf } from '../../opd.js';
import { matchesName } from '../../search-text.js';

interface Props {
  readonly doctors: readonly DoctorAvailability[];
  readonly loading: boolean;
  /** A refresh is on its way: Enter on an empty list waits for it. */
  readonly fetching: boolean;
  /** Why the list cannot be shown (set while reads are being retried, too). */
  readonly problem: unknown;
  readonly query: string;
  readonly selectedId: string | null;
  readonly searchRef: RefObject<HTMLInputElement | null>;
  onQuery(query: string): void;
  onSelect(doctorId: string): void;
}

const OUT_OF_REACH = new Set(['UNAVAILABLE', 'DEADLINE_EXCEEDED']);

export function useAvailabilityText(): (a: DoctorAvailability) => string {
  const { t } = useTranslation();
  return (a) => {
    if (!a.hasSession) return t('doctorPicker.noSession');
    if (a.capacity === 0) return t('doctorPicker.dayOver');
    const waiting = a.waiting > 0 ? ` · ${t('doctorPicker.waiting', { count: a.waiting })}` : '';
    const left = a.capacity - a.occupancy;
    if (left <= 0) return `${t('doctorPicker.full')}${waiting}`;
    const next = a.freeNow
      ? ` · ${t('doctorPicker.freeNow')}`
      : a.nextFreeTime
        ? ` · ${t('doctorPicker.nextFree', { time: a.nextFreeTime })}`
        : '';
    return `${t('doctorPicker.placesLeft', { left, capacity: a.capacity })}${next}${waiting}`;
  };
}

const matches = (a: DoctorAvailability, query: string): boolean =>
  matchesName(a.doctor.displayName, query) || matchesName(a.doctor.department, query);

export function DoctorPicker(props: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const availabilityText = useAvailabilityText();
  const [highlight, setHighlight] = useState(0);
  const shown = useMemo(
    () => props.doctors.filter((a) => matches(a, props.query)),
    [props.doctors, props.query],
  );
  const current = Math.min(highlight, Math.max(shown.length - 1, 0));

  const [pending, setPending] = useState(false);
  const choose = (index: number) => {
    const picked = shown[index];
    if (picked) props.onSelect(picked.doctor.doctorId);
    // Typed faster than the list arrived: choose as soon as it is there.
    else if (props.fetching) setPending(true);
  };
  useEffect(() => {
    if (!pending || props.fetching) return;
    setPending(false);
    const picked = shown[0];
    if (picked) props.onSelect(picked.doctor.doctorId);
  }, [pending, props, shown]);

  const problem = props.problem ? ipcErrorOf(props.problem) : null;
  let status: ReactNode = null;
  if (problem && OUT_OF_REACH.has(problem.code)) {
    status = (
      <p className="error" role="alert" data-testid="doctors-unreachable">
        {t('doctorPicker.unreachable')}
      </p>
    );
  } else if (problem) {
    status = (
      <p className="error" role="alert">
        {errorText(props.problem)}
      </p>
    );
  } else if (props.loading) status = <p className="hint">{t('doctorPicker.loading')}</p>;
  else if (props.doctors.length === 0)
    status = <p className="hint">{t('doctorPicker.noDoctors')}</p>;
  else if (shown.length === 0) {
    status = <p className="hint">{t('doctorPicker.noMatch', { query: props.query.trim() })}</p>;
  }

  return (
    <fieldset className="doctor-picker">
      <legend>{t('doctorPicker.legend')}</legend>
      <label className="field">
        <span>
          {t('doctorPicker.find')} <kbd>Alt+O</kbd>
        </span>
        <input
          ref={props.searchRef}
          name="doctor-search"
          role="combobox"
          aria-expanded="true"
          aria-controls="doctor-list"
          aria-activedescendant={shown[current] ? `doctor-${current}` : undefined}
          autoComplete="off"
          placeholder={t('doctorPicker.placeholder')}
          value={props.query}
          onChange={(e) => {
            props.onQuery(e.target.value);
            setHighlight(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setHighlight(Math.min(current + 1, shown.length - 1));
            else if (e.key === 'ArrowUp') setHighlight(Math.max(current - 1, 0));
            else if (e.key === 'Enter' && !e.ctrlKey) choose(current);
            else return;
            e.preventDefault();
          }}
        />
      </label>
      {status}
      {!problem && (
        <ul
          id="doctor-list"
          role="listbox"
          aria-label={t('doctorPicker.list')}
          className="doctor-list"
        >
          {shown.map((a, i) => {
            const left = a.capacity - a.occupancy;
            return (
              <li
                key={a.doctor.doctorId}
                id={`doctor-${i}`}
                role="option"
                aria-selected={a.doctor.doctorId === props.selectedId}
                className={[
                  'doctor-option',
                  i === current ? 'highlight' : '',
                  a.capacity === 0 ? 'no-session' : left <= 0 ? 'full' : 'open',
                ].join(' ')}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(i)}
              >
                <span className="doctor-name">{a.doctor.displayName}</span>
                <span className="muted">{a.doctor.department}</span>
                <span className="availability">{availabilityText(a)}</span>
                {a.capacity > 0 && (
                  <span className="bar" aria-hidden="true">
                    <span
                      style={{ width: `${Math.min(100, (100 * a.occupancy) / a.capacity)}%` }}
                    />
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}
