// Token rows from the read model, a page at a time (ListTokens' opaque page tokens).
import type { TokenRecordView } from '../../../shared/views.js';
import { localTime } from '../../dates.js';
import { SOURCE_LABELS, STATUS_LABELS } from '../issue/labels.js';

interface Props {
  readonly rows: readonly TokenRecordView[];
  readonly page: number;
  readonly hasNext: boolean;
  readonly loading: boolean;
  readonly timeZone: string;
  onNext(): void;
  onPrevious(): void;
}

export function TokenTable({ rows, page, hasNext, loading, timeZone, onNext, onPrevious }: Props) {
  return (
    <section className="token-table" aria-label="Tokens">
      <table>
        <thead>
          <tr>
            <th>Date</th>
            <th>Doctor</th>
            <th>Token</th>
            <th>Slot</th>
            <th>Source</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.tokenId} data-token-id={r.tokenId}>
              <td>{r.date}</td>
              <td>{r.doctorDisplayName}</td>
              <td>{r.tokenNumber}</td>
              <td>{r.slotStartTime ? localTime(r.slotStartTime, timeZone) : ''}</td>
              <td>
                <span className={`badge source-${r.source}`}>{SOURCE_LABELS[r.source]}</span>
              </td>
              <td>
                <span className={`badge status-${r.status}`}>{STATUS_LABELS[r.status]}</span>
              </td>
            </tr>
          ))}
          {!loading && rows.length === 0 && (
            <tr>
              <td colSpan={6} className="hint">
                No tokens match.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <div className="pager">
        <button disabled={page === 0 || loading} onClick={onPrevious}>
          Previous <kbd>Alt+←</kbd>
        </button>
        <span>Page {page + 1}</span>
        <button disabled={!hasNext || loading} onClick={onNext}>
          Next <kbd>Alt+→</kbd>
        </button>
      </div>
    </section>
  );
}
