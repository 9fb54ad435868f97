// The printable token slip: a plain view that only the print stylesheet shows. The hospital,
// the doctor and room, the token as the room calls it ("ENT-44"), when the patient is expected
// (an emergency: next), and a QR code of the token id for the room or a kiosk to scan.
import { useTranslation } from 'react-i18next';
import { nextAsEmergency } from '../../shared/token-label.js';
import type { TokenView } from '../../shared/views.js';
import { useFormat } from '../i18n/use-format.js';
import { useTokenWords } from '../i18n/use-token-words.js';
import { useSettings } from '../settings.js';
import { QrCode } from './QrCode.js';

export interface SlipDoctor {
  readonly doctorId: string;
  readonly displayName: string;
  readonly department: string;
  readonly room: string;
}

interface Props {
  readonly token: TokenView;
  readonly doctor: SlipDoctor | null;
}

export function TokenSlip({ token, doctor }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const words = useTokenWords();
  const { hospitalName } = useSettings();
  const label = words.label(token.tokenNumber, doctor);
  const expected = token.expectedCallTime ?? token.slotStartTime;
  return (
    <section className="token-slip" aria-label={t('slip.label')} data-testid="token-slip">
      <p className="slip-hospital">{hospitalName || t('slip.hospital')}</p>
      <p className="slip-label">{t('slip.token')}</p>
      <p className="slip-number" data-testid="slip-number">
        {label}
      </p>
      <p className="slip-doctor">
        {doctor ? `${doctor.displayName} · ${doctor.department}` : t('result.theDoctor')}
      </p>
      {doctor?.room && (
        <p className="slip-room">
          {t('slip.room')}: {doctor.room}
        </p>
      )}
      <p className="slip-time">{format.longDay(token.date)}</p>
      <p className="slip-expected" data-testid="slip-expected">
        {nextAsEmergency(token)
          ? t('slip.nextEmergency')
          : t('slip.expected', {
              time: expected ? format.time(expected) : token.slotLocalStartTime,
            })}
      </p>
      <QrCode value={token.tokenId} label={t('slip.qr', { label })} />
      <p className="slip-patient">{token.patientName}</p>
      <p className="slip-note">{t('slip.wait')}</p>
    </section>
  );
}
