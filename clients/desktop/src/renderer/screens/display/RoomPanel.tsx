// One room on the waiting-room display: its name, the token now called (flashing when called
// or recalled), and the next five with their expected times. Token numbers and rooms only.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardWatchStatus } from '../../../shared/ipc-contract.js';
import { announcementOf, type Announcement } from '../../../shared/display-calls.js';
import { tokenPrefix } from '../../../shared/token-label.js';
import type { DoctorView, RoomDisplayView } from '../../../shared/views.js';
import { useFormat } from '../../i18n/use-format.js';
import { useTokenWords } from '../../i18n/use-token-words.js';
import { useSettings } from '../../settings.js';
import { useLiveRoom } from './use-live-room.js';

export interface Heard {
  readonly announcement: Announcement;
  readonly room: RoomDisplayView;
  /** As shown: "ENT-44". */
  readonly label: string;
  /** As spoken: "ENT 44" (a dash would be read out). */
  readonly spoken: string;
}

interface Props {
  readonly doctor: DoctorView;
  readonly date: string;
  onAnnounce(heard: Heard): void;
  onWatch(doctorId: string, state: BoardWatchStatus['state'] | null): void;
}

export function RoomPanel({ doctor, date, onAnnounce, onWatch }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const words = useTokenWords();
  const { tokenPrefixes } = useSettings();
  const { room, watch } = useLiveRoom(doctor.doctorId, date);
  const previous = useRef<RoomDisplayView | null>(null);
  const [flashes, setFlashes] = useState(0);
  const announce = useRef(onAnnounce);
  announce.current = onAnnounce;

  useEffect(() => {
    if (room === null) {
      previous.current = null;
      return;
    }
    const heard = announcementOf(previous.current, room.view);
    previous.current = room.view;
    if (heard === null) return;
    setFlashes((n) => n + 1);
    const prefix = tokenPrefix(tokenPrefixes, doctor);
    announce.current({
      announcement: heard,
      room: room.view,
      label: words.label(heard.tokenNumber, doctor),
      spoken: prefix ? `${prefix} ${heard.tokenNumber}` : String(heard.tokenNumber),
    });
  }, [room, doctor, tokenPrefixes, words]);
  const state = watch?.state ?? null;
  useEffect(() => onWatch(doctor.doctorId, state), [doctor.doctorId, state, onWatch]);

  const view = room?.view ?? null;
  const name = view?.room || doctor.room || view?.doctorDisplayName || doctor.displayName;
  return (
    <section
      className="display-room"
      aria-label={name}
      data-doctor-id={doctor.doctorId}
      data-state={state ?? 'connecting'}
    >
      <h2 className="display-room-name">{name}</h2>
      <div className="display-called">
        <span className="display-caption">{t('display.nowCalling')}</span>
        <span
          key={flashes}
          className={`display-called-number${flashes > 0 ? ' flash' : ''}`}
          data-testid="display-called"
          data-token-number={view?.called?.tokenNumber ?? ''}
          data-received-at={room?.receivedAt ?? ''}
        >
          {view?.called ? words.label(view.called.tokenNumber, doctor) : t('display.nobody')}
        </span>
      </div>
      <div className="display-next">
        <span className="display-caption">{t('display.next')}</span>
        <ol data-testid="display-next">
          {(view?.next ?? []).map((next) => (
            <li key={next.tokenId} data-token-number={next.tokenNumber}>
              <span className="display-next-number">{words.label(next.tokenNumber, doctor)}</span>
              <span className="display-next-time">
                {next.emergency
                  ? t('display.nextEmergency')
                  : next.expectedCallTime
                    ? format.time(next.expectedCallTime)
                    : ''}
              </span>
            </li>
          ))}
        </ol>
        {view && view.queueLength > view.next.length && (
          <p className="display-waiting">{t('display.waiting', { count: view.queueLength })}</p>
        )}
      </div>
    </section>
  );
}
