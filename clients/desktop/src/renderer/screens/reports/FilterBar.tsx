// The report's filters: a date range, a doctor, statuses and sources (none ticked = all).
import type { ReportFilters } from '../../../shared/ipc-contract.js';
import { SOURCES, TOKEN_STATUSES, type DoctorView } from '../../../shared/views.js';
import { SOURCE_LABELS, STATUS_LABELS } from '../issue/labels.js';

interface Props {
  readonly filters: ReportFilters;
  readonly doctors: readonly DoctorView[];
  onChange(filters: ReportFilters): void;
}

const toggle = <T,>(list: readonly T[], value: T): T[] =>
  list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

export function FilterBar({ filters, doctors, onChange }: Props) {
  return (
    <fieldset className="filters">
      <legend>Filters</legend>
      <label className="field">
        <span>
          From <kbd>Alt+F</kbd>
        </span>
        <input
          type="date"
          name="report-start"
          value={filters.startDate}
          onChange={(e) => e.target.value && onChange({ ...filters, startDate: e.target.value })}
        />
      </label>
      <label className="field">
        <span>To</span>
        <input
          type="date"
          name="report-end"
          value={filters.endDate}
          onChange={(e) => e.target.value && onChange({ ...filters, endDate: e.target.value })}
        />
      </label>
      <label className="field">
        <span>Doctor</span>
        <select
          name="report-doctor"
          value={filters.doctorId}
          onChange={(e) => onChange({ ...filters, doctorId: e.target.value })}
        >
          <option value="">All doctors</option>
          {doctors.map((d) => (
            <option key={d.doctorId} value={d.doctorId}>
              {d.displayName}
            </option>
          ))}
        </select>
      </label>
      <div className="checks" role="group" aria-label="Statuses">
        {TOKEN_STATUSES.map((s) => (
          <label key={s} className="check">
            <input
              type="checkbox"
              checked={filters.statuses.includes(s)}
              onChange={() => onChange({ ...filters, statuses: toggle(filters.statuses, s) })}
            />
            {STATUS_LABELS[s]}
          </label>
        ))}
      </div>
      <div className="checks" role="group" aria-label="Sources">
        {SOURCES.map((s) => (
          <label key={s} className="check">
            <input
              type="checkbox"
              checked={filters.sources.includes(s)}
              onChange={() => onChange({ ...filters, sources: toggle(filters.sources, s) })}
            />
            {SOURCE_LABELS[s]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
