// The board's doctor: a text box, not a list that jumps on each letter. Typing filters the
// doctors (any script); ↑/↓ move, Enter chooses, Esc puts the shown doctor back. Nothing typed
// here ever reaches the token list.
import { useMemo, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { DoctorView } from '../../../shared/views.js';
import { matchesName } from '../../search-text.js';

interface Props {
  readonly doctors: readonly DoctorView[];
  readonly chosen: DoctorView | null;
  readonly inputRef: RefObject<HTMLInputElement | null>;
  onChoose(doctorId: string): void;
}

export function BoardDoctorField({ doctors, chosen, inputRef, onChoose }: Props) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState<string | null>(null);
  const [highlight, setHighlight] = useState(0);
  const options = useMemo(
    () =>
      typed === null
        ? []
        : doctors.filter(
            (d) => matchesName(d.displayName, typed) || matchesName(d.department, typed),
          ),
    [doctors, typed],
  );
  const current = Math.min(highlight, Math.max(options.length - 1, 0));
  const choose = (doctor: DoctorView | undefined) => {
    if (!doctor) return;
    setTyped(null);
    onChoose(doctor.doctorId);
  };

  return (
    <div className="field board-doctor">
      <label htmlFor="board-doctor">
        {t('board.doctor')} <kbd>Alt+O</kbd>
      </label>
      <input
        ref={inputRef}
        id="board-doctor"
        name="board-doctor"
        role="combobox"
        aria-expanded={typed !== null}
        aria-controls="board-doctor-list"
        aria-activedescendant={options[current] ? `board-doctor-${current}` : undefined}
        autoComplete="off"
        placeholder={t('board.doctorPlaceholder')}
        value={typed ?? (chosen ? `${chosen.displayName} — ${chosen.department}` : '')}
        onFocus={(e) => e.target.select()}
        onBlur={() => setTyped(null)}
        onChange={(e) => {
          setTyped(e.target.value);
          setHighlight(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setHighlight(Math.min(current + 1, options.length - 1));
          else if (e.key === 'ArrowUp') setHighlight(Math.max(current - 1, 0));
          else if (e.key === 'Enter')
            choose(typed === null ? (chosen ?? undefined) : options[current]);
          else if (e.key === 'Escape') setTyped(null);
          else return;
          e.preventDefault();
        }}
      />
      {typed !== null && (
        <ul
          id="board-doctor-list"
          role="listbox"
          aria-label={t('board.doctors')}
          className="board-doctor-list"
        >
          {options.map((doctor, i) => (
            <li
              key={doctor.doctorId}
              id={`board-doctor-${i}`}
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
        </ul>
      )}
    </div>
  );
}
