// The printable token slip: a plain HTML view that only the print stylesheet shows.
import type { TokenView } from '../../../shared/views.js';
import { longDate } from '../../dates.js';

interface Props {
  readonly token: TokenView;
  readonly doctorName: string;
  readonly department: string;
}

export function TokenSlip({ token, doctorName, department }: Props) {
  return (
    <section className="token-slip" aria-label="Token slip">
      <p className="slip-hospital">Outpatient department</p>
      <p className="slip-label">Token</p>
      <p className="slip-number">{token.tokenNumber}</p>
      <p className="slip-doctor">
        {doctorName} · {department}
      </p>
      <p className="slip-time">
        {longDate(token.date)}, {token.slotLocalStartTime}–{token.slotLocalEndTime}
      </p>
      <p className="slip-patient">{token.patientName}</p>
      <p className="slip-note">Please wait to be called by your token number.</p>
    </section>
  );
}
