// The printable token slip: a plain HTML view that only the print stylesheet shows.
import { useTranslation } from 'react-i18next';
import type { TokenView } from '../../../shared/views.js';
import { useFormat } from '../../i18n/use-format.js';

interface Props {
  readonly token: TokenView;
  readonly doctorName: string;
  readonly department: string;
}

export function TokenSlip({ token, doctorName, department }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="token-slip" aria-label={t('slip.label')}>
      <p className="slip-hospital">{t('slip.hospital')}</p>
      <p className="slip-label">{t('slip.token')}</p>
      <p className="slip-number">{token.tokenNumber}</p>
      <p className="slip-doctor">
        {doctorName} · {department}
      </p>
      <p className="slip-time">
        {format.longDay(token.date)}, {token.slotLocalStartTime}–{token.slotLocalEndTime}
      </p>
      <p className="slip-patient">{token.patientName}</p>
      <p className="slip-note">{t('slip.wait')}</p>
    </section>
  );
}
