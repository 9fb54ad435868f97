// Token rows from the read model, a page at a time (ListTokens' opaque page tokens).
import type { TokenRecordView } from '../../../shared/views.js';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format.js';

interface Props {
  readonly rows: readonly TokenRecordView[];
  readonly page: number;
  readonly hasNext: boolean;
  readonly loading: boolean;
  onNext(): void;
  onPrevious(): void;
}

export function TokenTable({ rows, page, hasNext, loading, onNext, onPrevious }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="token-table" aria-label={t('reports.tokenTable')}>
      <table>
        <thead>
          <tr>
            <th>{t('reports.date')}</th>
            <th>{t('reports.doctor')}</th>
            <th>{t('reports.token')}</th>
            <th>{t('reports.slot')}</th>
            <th>{t('reports.source')}</th>
            <th>{t('reports.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.tokenId} data-token-id={r.tokenId}>
              <td>{format.day(r.date)}</td>
              <td>{r.doctorDisplayName}</td>
              <td>{r.tokenNumber}</td>
              <td>{r.slotStartTime ? format.time(r.slotStartTime) : ''}</td>
              <td>
                <span className={`badge source-${r.source}`}>{t(`source.${r.source}`)}</span>
              </td>
              <td>
                <span className={`badge status-${r.status}`}>{t(`status.${r.status}`)}</span>
              </td>
            </tr>
          ))}
          {!loading && rows.length === 0 && (
            <tr>
              <td colSpan={6} className="hint">
                {t('reports.noTokens')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <div className="pager">
        <button disabled={page === 0 || loading} onClick={onPrevious}>
          {t('reports.previous')} <kbd>Alt+←</kbd>
        </button>
        <span>{t('reports.page', { page: page + 1 })}</span>
        <button disabled={!hasNext || loading} onClick={onNext}>
          {t('reports.next')} <kbd>Alt+→</kbd>
        </button>
      </div>
    </section>
  );
}
