// The waiting-room display: per room the token called and the next five with expected times,
// readable from six metres (large type, high contrast). Each call and recall flashes, chimes
// and is spoken in the configured languages. When the service is away the last state stays,
// marked "reconnecting".
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardWatchStatus } from '../../../shared/ipc-contract.js';
import { todayIn } from '../../dates.js';
import { useConnection } from '../../hooks/use-connection.js';
import { useNow } from '../../hooks/use-now.js';
import { useFormat } from '../../i18n/use-format.js';
import { call } from '../../opd.js';
import { useSettings } from '../../settings.js';
import { chime, speak } from './announcer.js';
import { displayedDoctors, type DisplayRoute } from './display-route.js';
import { RoomPanel, type Heard } from './RoomPanel.js';

/** The chime is heard before the voice starts. */
const CHIME_MS = 1_100;

interface Said {
  readonly n: number;
  readonly kind: Heard['announcement']['kind'];
  readonly label: string;
  readonly sentences: readonly { readonly language: string; readonly text: string }[];
}

function useAnnouncer() {
  const { i18n } = useTranslation();
  const { announceLanguages } = useSettings();
  const [said, setSaid] = useState<readonly Said[]>([]);
  const announce = useCallback(
    (heard: Heard) => {
      const sentences = announceLanguages
        .filter((language) => i18n.hasResourceBundle(language, 'translation'))
        .map((language) => {
          const t = i18n.getFixedT(language);
          const text = heard.room.room
            ? t('display.announce', { label: heard.spoken, room: heard.room.room })
            : t('display.announceNoRoom', {
                label: heard.spoken,
                doctor: heard.room.doctorDisplayName,
              });
          return { language, text };
        });
      chime();
      setTimeout(() => sentences.forEach((s) => speak(s.text, s.language)), CHIME_MS);
      setSaid((list) => [
        ...list.slice(-9),
        {
          n: (list.at(-1)?.n ?? 0) + 1,
          kind: heard.announcement.kind,
          label: heard.label,
          sentences,
        },
      ]);
    },
    [announceLanguages, i18n],
  );
  return { announce, said };
}

export function DisplayScreen({ route }: { readonly route: DisplayRoute }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { timeZone } = useSettings();
  const now = useNow(15_000);
  const today = todayIn(timeZone);
  const connection = useConnection();
  const doctors = useQuery({
    queryKey: ['doctors', false],
    queryFn: () => call('listDoctors', { includeInactive: false }),
    // New doctors appear, and a display started while the service was away recovers.
    refetchInterval: 60_000,
  });
  const shown = useMemo(() => displayedDoctors(doctors.data ?? [], route), [doctors.data, route]);
  const { announce, said } = useAnnouncer();
  const [states, setStates] = useState<Readonly<Record<string, string | null>>>({});
  const onWatch = useCallback(
    (doctorId: string, state: BoardWatchStatus['state'] | null) =>
      setStates((known) => (known[doctorId] === state ? known : { ...known, [doctorId]: state })),
    [],
  );
  useEffect(() => {
    document.title = t('display.title');
  }, [t]);

  const away =
    connection?.allocation === 'offline' ||
    Object.values(states).some((s) => s === 'reconnecting' || s === 'failed') ||
    (doctors.isError && doctors.data === undefined);
  const count = Math.max(1, Math.min(shown.length, 6));
  return (
    <div className={`display display-rooms-${count}`} data-testid="display">
      <header className="display-header">
        <h1>{t('display.title')}</h1>
        {away && (
          <span className="display-reconnecting" role="status" data-testid="display-reconnecting">
            {t('display.reconnecting')}
          </span>
        )}
        <span className="display-clock">{format.time(now.toISOString())}</span>
      </header>
      {doctors.isSuccess && shown.length === 0 && (
        <p className="display-empty">{t('display.noRooms')}</p>
      )}
      {doctors.isPending && <p className="display-empty">{t('display.connecting')}</p>}
      <main className="display-grid">
        {shown.map((doctor) => (
          <RoomPanel
            key={doctor.doctorId}
            doctor={doctor}
            date={today}
            onAnnounce={announce}
            onWatch={onWatch}
          />
        ))}
      </main>
      <ol className="announcement-log" aria-live="polite" data-testid="announcements">
        {said.map((s) => (
          <li key={s.n} data-kind={s.kind} data-label={s.label}>
            {s.sentences.map((sentence) => (
              <span key={sentence.language} lang={sentence.language}>
                {sentence.text}{' '}
              </span>
            ))}
          </li>
        ))}
      </ol>
    </div>
  );
}
