// The waitlist in promotion order; an entry can be withdrawn. Each name keeps one line (the
// details go on the line below), so a long name never breaks the column.
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { WaitlistEntryView } from '../../../shared/views.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { useFormat } from '../../i18n/use-format.js';
import { call, newRequestId } from '../../opd.js';

export function WaitlistPanel(props: { readonly entries: readonly WaitlistEntryView[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const withdraw = useMutation({
    mutationFn: (entry: WaitlistEntryView) =>
      call('cancelWaitlistEntry', {
        requestId: newRequestId(),
        id: entry.waitlistEntryId,
        reason: t('waitlist.withdrawReason'),
      }),
  });
  return (
    <section className="waitlist" aria-label={t('waitlist.region')}>
      <h3>{t('waitlist.title', { count: props.entries.length })}</h3>
      {props.entries.length === 0 && <p className="hint">{t('waitlist.empty')}</p>}
      <ol>
        {props.entries.map((entry) => (
          <li key={entry.waitlistEntryId} className={`source-${entry.source}`}>
            <span className="position">{entry.position}.</span>
            <span className="patient" title={entry.patientName}>
              {entry.patientName}
            </span>
            <span className="details">
              <span className={`badge source-${entry.source}`}>{t(`source.${entry.source}`)}</span>
              {entry.displaced && <span className="badge flag">{t('waitlist.displaced')}</span>}
              <span className="muted">
                {t('waitlist.asked', { time: format.time(entry.requestTime) })}
              </span>
              <button
                className="small"
                disabled={withdraw.isPending}
                onClick={() => withdraw.mutate(entry)}
              >
                {t('waitlist.withdraw')}
              </button>
            </span>
          </li>
        ))}
      </ol>
      <ErrorMessage error={withdraw.error} />
    </section>
  );
}
