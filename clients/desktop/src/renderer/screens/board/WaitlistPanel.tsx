// The waitlist in promotion order; an entry can be withdrawn.
import { useMutation } from '@tanstack/react-query';
import type { WaitlistEntryView } from '../../../shared/views.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { localTime } from '../../dates.js';
import { call, newRequestId } from '../../opd.js';
import { SOURCE_LABELS } from '../issue/labels.js';

export function WaitlistPanel(props: {
  readonly entries: readonly WaitlistEntryView[];
  readonly timeZone: string;
}) {
  const withdraw = useMutation({
    mutationFn: (entry: WaitlistEntryView) =>
      call('cancelWaitlistEntry', {
        requestId: newRequestId(),
        id: entry.waitlistEntryId,
        reason: 'Withdrawn at the counter',
      }),
  });
  return (
    <section className="waitlist" aria-label="Waitlist">
      <h3>Waitlist ({props.entries.length})</h3>
      {props.entries.length === 0 && <p className="hint">Nobody is waiting.</p>}
      <ol>
        {props.entries.map((entry) => (
          <li key={entry.waitlistEntryId} className={`source-${entry.source}`}>
            <span className="position">{entry.position}.</span>
            <span className="patient">{entry.patientName}</span>
            <span className={`badge source-${entry.source}`}>{SOURCE_LABELS[entry.source]}</span>
            {entry.displaced && <span className="badge flag">displaced</span>}
            <span className="muted">asked {localTime(entry.requestTime, props.timeZone)}</span>
            <button
              className="small"
              disabled={withdraw.isPending}
              onClick={() => withdraw.mutate(entry)}
            >
              Withdraw
            </button>
          </li>
        ))}
      </ol>
      <ErrorMessage error={withdraw.error} />
    </section>
  );
}
