// Step two: the doctor. Type to filter by name or department, arrows to move, Enter to choose.
// Each doctor shows what is left on the chosen date.
import { useEffect, useMemo, useState, type RefObject } from 'react';
import type { DoctorAvailability } from '../../../shared/views.js';

interface Props {
  readonly doctors: readonly DoctorAvailability[];
  readonly loading: boolean;
  /** A refresh is on its way: Enter on an empty list waits for it. */
  readonly fetching: boolean;
  readonly selectedId: string | null;
  readonly searchRef: RefObject<HTMLInputElement | null>;
  onSelect(doctorId: string): void;
}

export function availabilityText(a: DoctorAvailability): string {
  if (a.capacity === 0) return 'no session on this day';
  const left = a.capacity - a.occupancy;
  const waiting = a.waiting > 0 ? ` · ${a.waiting} waiting` : '';
  return left > 0
    ? `${left} of ${a.capacity} places left${waiting}`
    : `full${waiting} — new patients join the waitlist`;
}

const matches = (a: DoctorAvailability, query: string): boolean => {
  const q = query.trim().toLowerCase();
  if (q === '') return true;
  const name = a.doctor.displayName.toLowerCase();
  const plain = name.replace(/^dr\.?\s*/, '');
  return (
    plain.startsWith(q) ||
    name.includes(q) ||
    plain.split(/\s+/).some((word) => word.startsWith(q)) ||
    a.doctor.department.toLowerCase().startsWith(q)
  );
};

export function DoctorPicker(props: Props) {
  const [query, setQuery] = useState('');
  const [highlight, setHighlight] = useState(0);
  const shown = useMemo(
    () => props.doctors.filter((a) => matches(a, query)),
    [props.doctors, query],
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

  return (
    <fieldset className="doctor-picker">
      <legend>Doctor</legend>
      <label className="field">
        <span>
          Find a doctor <kbd>Alt+O</kbd>
        </span>
        <input
          ref={props.searchRef}
          name="doctor-search"
          role="combobox"
          aria-expanded="true"
          aria-controls="doctor-list"
          aria-activedescendant={shown[current] ? `doctor-${current}` : undefined}
          autoComplete="off"
          placeholder="name or department"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
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
      {props.loading && <p className="hint">Loading doctors…</p>}
      <ul id="doctor-list" role="listbox" aria-label="Doctors" className="doctor-list">
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
                  <span style={{ width: `${Math.min(100, (100 * a.occupancy) / a.capacity)}%` }} />
                </span>
              )}
            </li>
          );
        })}
        {!props.loading && shown.length === 0 && <li className="hint">No doctor matches.</li>}
      </ul>
    </fieldset>
  );
}
