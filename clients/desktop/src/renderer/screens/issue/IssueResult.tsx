// Step three: what the patient got, big enough to read across the counter, with the slip.
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssueTokenResult, PrintOutcome } from '../../../shared/ipc-contract.js';
import { nextAsEmergency } from '../../../shared/token-label.js';
import type { DoctorView } from '../../../shared/views.js';
import { PrintNote } from '../../components/PrintNote.js';
import { TokenSlip } from '../../components/TokenSlip.js';
import { useFormat } from '../../i18n/use-format.js';
import { useTokenWords } from '../../i18n/use-token-words.js';

interface Props {
  readonly result: IssueTokenResult;
  readonly doctor: DoctorView | null;
  readonly nextRef: RefObject<HTMLButtonElement | null>;
  readonly printed: { readonly outcome: PrintOutcome | null; readonly error: unknown };
  onNext(): void;
  onPrint(): void;
  onShowBoard(): void;
}

export function IssueResult(props: Props) {
  const { result, doctor, nextRef, printed, onNext, onPrint, onShowBoard } = props;
  const { t } = useTranslation();
  const format = useFormat();
  const words = useTokenWords();
  const doctorName = doctor?.displayName ?? t('result.theDoctor');
  const token = result.outcome === 'waitlisted' ? null : result.token;
  return (
    <section className={`issue-result result-${result.outcome}`} aria-live="assertive">
      {result.outcome === 'allocated' && (
        <>
          <p className="result-label">{t('result.token')}</p>
          <p className="token-number" data-testid="token-number">
            {words.label(result.token.tokenNumber, doctor)}
          </p>
          <p className="result-line" data-testid="slot-time">
            {doctorName} · {result.slot.localStartTime}–{result.slot.localEndTime},{' '}
            {format.longDay(result.token.date)}
          </p>
          {words.expected(result.token) && (
            <p className="result-line" data-testid="expected-time">
              {nextAsEmergency(result.token)
                ? t('board.nextEmergency')
                : t('slip.expected', { time: words.expected(result.token) })}
            </p>
          )}
          <p className="result-line">{result.token.patientName}</p>
          {result.preemption && (
            // The service's own reason names the source's enum; the counter says it in words.
            <p className="notice" role="note">
              {t('result.preempted', {
                number: result.preemption.tokenNumber,
                position: result.preemption.waitlistPosition,
              })}
            </p>
          )}
        </>
      )}
      {result.outcome === 'waitlisted' && (
        <>
          <p className="result-label">{t('result.waitlisted')}</p>
          <p className="token-number" data-testid="waitlist-position">
            {result.entry.position}
          </p>
          <p className="result-line">
            {t('result.waitlistedLine', { patient: result.entry.patientName, doctor: doctorName })}
          </p>
        </>
      )}
      {result.outcome === 'already-holds' && (
        <>
          <p className="result-label">{t('result.alreadyBooked', { doctor: doctorName })}</p>
          {result.token ? (
            <>
              <p className="token-number" data-testid="existing-token-number">
                {result.token.tokenNumber}
              </p>
              <p className="result-line">
                {t('result.alreadyHoldsToken', {
                  start: result.token.slotLocalStartTime,
                  end: result.token.slotLocalEndTime,
                  date: format.longDay(result.token.date),
                })}
              </p>
            </>
          ) : (
            <p className="result-line" data-testid="existing-waitlist">
              {t('result.alreadyWaiting', { position: result.waitlistPosition ?? '?' })}
            </p>
          )}
        </>
      )}
      <div className="actions">
        <button ref={nextRef} className="primary" onClick={onNext}>
          {t('result.next')} <kbd>Enter</kbd>
        </button>
        {token && (
          <button onClick={onPrint}>
            {t('result.print')} <kbd>Ctrl+P</kbd>
          </button>
        )}
        <button onClick={onShowBoard}>
          {t('result.showBoard')} <kbd>Alt+B</kbd>
        </button>
      </div>
      <PrintNote outcome={printed.outcome} error={printed.error} />
      {token && <TokenSlip token={token} doctor={doctor} />}
    </section>
  );
}
