// The report's filters: a date range, a doctor, statuses and sources (none ticked = all).
import type { ReportFilters } from '../../../shared/ipc-contract.js';
import { SOURCES, TOKEN_STATUSES, type DoctorView } from '../../../shared/views.js';
import { useTranslation } from 'react-i18next';

interface Props {
  readonly filters: ReportFilters;
  readonly doctors: readonly DoctorView[];
  onChange(filters: ReportFilters): void;
}

const toggle = <T,>(list: readonly T[], value: T): T[] =>
  list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

export function FilterBar({ filters, doctors, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <fieldset className="filters">
      <legend>{t('reports.filters')}</legend>
      <label className="field">
        <span>
          {t('reports.from')} <kbd>Alt+F</kbd>
        </span>
        <input
          type="date"
          name="report-start"
          value={filters.startDate}
          onChange={(e) => e.target.value && onChange({ ...filters, startDate: e.target.value })}
        />
      </label>
      <label className="field">
        <span>{t('reports.to')}</span>
        <input
          type="date"
          name="report-end"
          value={filters.endDate}
          onChange={(e) => e.target.value && onChange({ ...filters, endDate: e.target.value })}
        />
      </label>
      <label className="field">
        <span>{t('reports.doctor')}</span>
        <select
          name="report-doctor"
          value={filters.doctorId}
          onChange={(e) => onChange({ ...filters, doctorId: e.target.value })}
        >
          <option value="">{t('reports.allDoctors')}</option>
          {doctors.map((d) => (
            <option key={d.doctorId} value={d.doctorId}>
              {d.displayName}
            </option>
          ))}
        </select>
      </label>
      <div className="checks" role="group" aria-label={t('reports.statuses')}>
        {TOKEN_STATUSES.map((s) => (
          <label key={s} className="check">
            <input
              type="checkbox"
              checked={filters.statuses.includes(s)}
              onChange={() => onChange({ ...filters, statuses: toggle(filters.statuses, s) })}
            />
            {t(`status.${s}`)}
          </label>
        ))}
      </div>
      <div className="checks" role="group" aria-label={t('reports.sources')}>
        {SOURCES.map((s) => (
          <label key={s} className="check">
            <input
              type="checkbox"
              checked={filters.sources.includes(s)}
              onChange={() => onChange({ ...filters, sources: toggle(filters.sources, s) })}
            />
            {t(`source.${s}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
