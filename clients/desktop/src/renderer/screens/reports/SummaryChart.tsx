// Daily summary: utilisation (line, %) and no-shows (bars) per day, all selected doctors
// together, with the same figures as a table.
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useTranslation } from 'react-i18next';
import type { DailySummaryView } from '../../../shared/views.js';
import { useFormat } from '../../i18n/use-format.js';

export interface DayFigures {
  readonly date: string;
  readonly tokens: number;
  readonly utilisation: number;
  readonly noShows: number;
}

/** Per date: places used over places offered (in %), and no-shows, across doctors. */
export function figuresByDay(summaries: readonly DailySummaryView[]): DayFigures[] {
  const days = new Map<
    string,
    { capacity: number; occupancy: number; noShows: number; tokens: number }
  >();
  for (const s of summaries) {
    const day = days.get(s.date) ?? { capacity: 0, occupancy: 0, noShows: 0, tokens: 0 };
    day.capacity += s.capacity;
    day.occupancy += s.occupancy;
    day.noShows += s.noShowCount;
    day.tokens += s.tokenCount;
    days.set(s.date, day);
  }
  return [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, d]) => ({
      date,
      tokens: d.tokens,
      utilisation: d.capacity === 0 ? 0 : Math.round((100 * d.occupancy) / d.capacity),
      noShows: d.noShows,
    }));
}

export function SummaryChart({ days }: { readonly days: readonly DayFigures[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (days.length === 0) return <p className="hint">{t('reports.noDays')}</p>;
  return (
    <div className="summary">
      <div className="chart" data-testid="summary-chart">
        <ResponsiveContainer width="100%" height={240}>
          <ComposedChart data={[...days]} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="date" tickFormatter={(date: string) => format.shortDay(date)} />
            <YAxis yAxisId="pct" unit="%" domain={[0, 100]} />
            <YAxis yAxisId="count" orientation="right" allowDecimals={false} />
            <Tooltip />
            <Legend />
            <Bar
              yAxisId="count"
              dataKey="noShows"
              name={t('reports.noShows')}
              fill="#c0392b"
              isAnimationActive={false}
            />
            <Line
              yAxisId="pct"
              dataKey="utilisation"
              name={t('reports.utilisationPct')}
              stroke="#1f6feb"
              strokeWidth={2}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <table className="summary-table" aria-label={t('reports.summary')}>
        <thead>
          <tr>
            <th>{t('reports.date')}</th>
            <th>{t('reports.tokens')}</th>
            <th>{t('reports.utilisation')}</th>
            <th>{t('reports.noShows')}</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.date}>
              <td>{format.day(d.date)}</td>
              <td>{d.tokens}</td>
              <td>{d.utilisation}%</td>
              <td>{d.noShows}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
