// Step three: what the patient got, big enough to read across the counter, with the slip.
import type { RefObject } from 'react';
import type { IssueTokenResult } from '../../../shared/ipc-contract.js';
import type { DoctorView } from '../../../shared/views.js';
import { longDate } from '../../dates.js';
import { TokenSlip } from './TokenSlip.js';

interface Props {
  readonly result: IssueTokenResult;
  readonly doctor: DoctorView | null;
  readonly nextRef: RefObject<HTMLButtonElement | null>;
  onNext(): void;
  onPrint(): void;
  onShowBoard(): void;
}

export function IssueResult({ result, doctor, nextRef, onNext, onPrint, onShowBoard }: Props) {
  const doctorName = doctor?.displayName ?? 'the doctor';
  const token = result.outcome === 'waitlisted' ? null : result.token;
  return (
    <section className={`issue-result result-${result.outcome}`} aria-live="assertive">
      {result.outcome === 'allocated' && (
        <>
          <p className="result-label">Token</p>
          <p className="token-number" data-testid="token-number">
            {result.token.tokenNumber}
          </p>
          <p className="result-line" data-testid="slot-time">
            {doctorName} · {result.slot.localStartTime}–{result.slot.localEndTime},{' '}
            {longDate(result.token.date)}
          </p>
          <p className="result-line">{result.token.patientName}</p>
          {result.preemption && (
            <p className="notice" role="note">
              Token {result.preemption.tokenNumber} gave its place to this patient and is now
              waiting (position {result.preemption.waitlistPosition}). Tell that patient:{' '}
              {result.preemption.reason}
            </p>
          )}
        </>
      )}
      {result.outcome === 'waitlisted' && (
        <>
          <p className="result-label">Every slot is full — waitlist position</p>
          <p className="token-number" data-testid="waitlist-position">
            {result.entry.position}
          </p>
          <p className="result-line">
            {result.entry.patientName} will get a token with {doctorName} as soon as a place frees
            up.
          </p>
        </>
      )}
      {result.outcome === 'already-holds' && (
        <>
          <p className="result-label">Already booked with {doctorName}</p>
          {result.token ? (
            <>
              <p className="token-number" data-testid="existing-token-number">
                {result.token.tokenNumber}
              </p>
              <p className="result-line">
                The patient already holds this token: {result.token.slotLocalStartTime}–
                {result.token.slotLocalEndTime}, {longDate(result.token.date)}.
              </p>
            </>
          ) : (
            <p className="result-line" data-testid="existing-waitlist">
              The patient is already on the waitlist, position {result.waitlistPosition ?? '?'}.
            </p>
          )}
        </>
      )}
      <div className="actions">
        <button ref={nextRef} className="primary" onClick={onNext}>
          Next patient <kbd>Enter</kbd>
        </button>
        {token && (
          <button onClick={onPrint}>
            Print slip <kbd>Ctrl+P</kbd>
          </button>
        )}
        <button onClick={onShowBoard}>
          Show board <kbd>Alt+B</kbd>
        </button>
      </div>
      {token && (
        <TokenSlip token={token} doctorName={doctorName} department={doctor?.department ?? ''} />
      )}
    </section>
  );
}
